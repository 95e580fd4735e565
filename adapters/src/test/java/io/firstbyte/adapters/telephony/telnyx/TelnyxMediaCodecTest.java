package io.firstbyte.adapters.telephony.telnyx;

import static io.firstbyte.adapters.telephony.telnyx.TelnyxWire.CALL_CONTROL_ID;
import static io.firstbyte.adapters.telephony.telnyx.TelnyxWire.STREAM_ID;
import static io.firstbyte.adapters.telephony.telnyx.TelnyxWire.frames;
import static io.firstbyte.adapters.telephony.telnyx.TelnyxWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.adapters.telephony.common.CodecFuzz;
import io.firstbyte.adapters.telephony.common.RecordingDrops;
import io.firstbyte.adapters.telephony.common.Tones;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.transport.WireMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Telnyx Media Streaming, protocols.md 2.1: what differs from Twilio, message by message. */
class TelnyxMediaCodecTest {

    private final RecordingDrops drops = new RecordingDrops();
    private final TelnyxMediaCodec codec = new TelnyxMediaCodec(drops);

    @Nested
    class TelnyxToServer {

        @Test
        void connectedYieldsNoEvent() {
            assertThat(codec.decode(TelnyxWire.connected())).isEmpty();
            assertThat(drops.kinds()).isEmpty();
        }

        @Test
        void startNamesTheStreamTheCallControlIdAndTheNumbers() {
            CallStarted started = (CallStarted) codec.decode(TelnyxWire.start()).getFirst();

            assertThat(started.streamId()).isEqualTo(STREAM_ID);
            assertThat(started.callId()).isEqualTo(CALL_CONTROL_ID);
            assertThat(started.format()).isEqualTo(AudioFormat.MULAW_8K);
            assertThat(started.parameters()).containsEntry("From", "+13125550100").containsEntry("To", "+13125550199")
                    .containsEntry("token", "9f2c1a").containsEntry("call_session_id", "cs-1");
        }

        @Test
        void clientStateIsKeptRawAndItsJsonMembersBecomeParameters() {
            CallStarted started = (CallStarted) codec.decode(TelnyxWire.start()).getFirst();

            assertThat(started.parameters()).containsEntry("tenant", "t42").containsKey("client_state");
        }

        @Test
        void olderStartWithoutNumbersTakesThemFromCustomParameters() {
            List<InboundEvent> events = codec.decode(text("""
                    {"event":"start","stream_id":"s1","start":{"call_control_id":"v3:1",
                     "custom_parameters":{"from":"+15550001111","to":"+15550002222"},
                     "media_format":{"encoding":"audio/x-mulaw","sample_rate":8000,"channels":1}}}"""));

            assertThat(((CallStarted) events.getFirst()).parameters())
                    .containsEntry("From", "+15550001111").containsEntry("To", "+15550002222");
        }

        @Test
        void customParametersMayArriveAsTheRequestsNameValueList() {
            List<InboundEvent> events = codec.decode(text("""
                    {"event":"start","stream_id":"s1","start":{"call_control_id":"v3:1",
                     "custom_parameters":[{"name":"tenant","value":"t42"}]}}"""));

            assertThat(((CallStarted) events.getFirst()).parameters()).containsEntry("tenant", "t42");
        }

        @Test
        void numbersFromTelnyxWinOverCustomParameters() {
            List<InboundEvent> events = codec.decode(text("""
                    {"event":"start","stream_id":"s1","start":{"call_control_id":"v3:1","to":"+13125550199",
                     "custom_parameters":{"To":"+19999999999"}}}"""));

            assertThat(((CallStarted) events.getFirst()).parameters()).containsEntry("To", "+13125550199");
        }

        @Test
        void mediaYieldsMulawFramesStampedByTheirPositionInTheStream() {
            codec.decode(TelnyxWire.start());

            AudioIn first = (AudioIn) codec.decode(TelnyxWire.media(1, frames(1, 0x7F))).getFirst();
            AudioIn second = (AudioIn) codec.decode(TelnyxWire.media(2, frames(1, 0x7E))).getFirst();

            assertThat(first.audio()).isEqualTo(frames(1, 0x7F));
            assertThat(first.format()).isEqualTo(AudioFormat.MULAW_8K);
            assertThat(List.of(first.timestampMillis(), second.timestampMillis())).containsExactly(0L, 20L);
        }

        @Test
        void thirtyMillisecondRtpPayloadsAreReframedInto20MillisecondFrames() {
            codec.decode(TelnyxWire.start());

            List<InboundEvent> events = new ArrayList<>(codec.decode(TelnyxWire.media(1, new byte[240])));
            events.addAll(codec.decode(TelnyxWire.media(2, new byte[240])));

            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(((AudioIn) e).audio()).hasSize(160));
        }

        @Test
        void pcmaMediaIsConvertedToMulaw() {
            codec.decode(TelnyxWire.startWithFormat("PCMA", 8000));
            short[] tone = Tones.sine(440, 8000, 20);

            AudioIn audio = (AudioIn) codec.decode(TelnyxWire.media(1, G711.encodeAlaw(tone))).getFirst();

            assertThat(audio.audio()).isEqualTo(G711.encodeMulaw(G711.decodeAlaw(G711.encodeAlaw(tone))));
        }

        @Test
        void l16At16kIsReadBigEndianAndResampledKeepingTheTonesPitch() {
            codec.decode(TelnyxWire.startWithFormat("L16", 16000));
            byte[] littleEndian = Tones.sineL16(1000, 16000, 500);
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] slice : Tones.slices(swapped(littleEndian), 640)) {
                events.addAll(codec.decode(TelnyxWire.media(events.size() + 1, slice)));
            }

            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void dtmfYieldsTheDigit() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.decode(TelnyxWire.dtmf("#"))).containsExactly(new Dtmf("#"));
        }

        @Test
        void markEchoYieldsMarkPlayed() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.decode(TelnyxWire.mark("seg7"))).containsExactly(new MarkPlayed("seg7"));
        }

        @Test
        void stopYieldsHangUp() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.decode(TelnyxWire.stop())).containsExactly(new HangUp("stop"));
        }

        @Test
        void errorIsCountedAsAGatewayErrorWhicheverKeyHoldsItsBody() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.decode(TelnyxWire.error("error"))).isEmpty();
            assertThat(codec.decode(TelnyxWire.error("payload"))).isEmpty();

            assertThat(drops.kinds()).containsExactly("gateway_error", "gateway_error");
            assertThat(drops.details()).allSatisfy(detail -> assertThat(detail).contains("100005", "rate_limit_reached"));
        }

        @Test
        void aWholeCallDecodesWithoutDrops() {
            List<InboundEvent> events = List.of(TelnyxWire.connected(), TelnyxWire.start(),
                            TelnyxWire.media(1, frames(1, 0xFF)), TelnyxWire.media(2, frames(1, 0xFF)),
                            TelnyxWire.dtmf("1"), TelnyxWire.mark("m1"), TelnyxWire.stop())
                    .stream().flatMap(message -> codec.decode(message).stream()).toList();

            assertThat(events).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("CallStarted", "AudioIn", "AudioIn", "Dtmf", "MarkPlayed", "HangUp");
            assertThat(drops.kinds()).isEmpty();
        }
    }

    @Nested
    class MediaOrder {

        @BeforeEach
        void streamHasStarted() {
            codec.decode(TelnyxWire.start());
        }

        @Test
        void mediaOutOfOrderIsPutBackInChunkOrder() {
            List<InboundEvent> events = new ArrayList<>();
            events.addAll(codec.decode(TelnyxWire.media(1, frames(1, 0x11))));
            events.addAll(codec.decode(TelnyxWire.media(3, frames(1, 0x33))));
            events.addAll(codec.decode(TelnyxWire.media(2, frames(1, 0x22))));

            assertThat(events).extracting(e -> ((AudioIn) e).audio()[0])
                    .containsExactly((byte) 0x11, (byte) 0x22, (byte) 0x33);
            assertThat(drops.kinds()).isEmpty();
        }

        @Test
        void aMissingChunkIsGivenUpOnceTheWindowIsFull() {
            codec.decode(TelnyxWire.media(1, frames(1, 0x11)));
            List<InboundEvent> held = new ArrayList<>();
            for (int chunk = 3; chunk < 3 + ChunkReorder.WINDOW; chunk++) {
                held.addAll(codec.decode(TelnyxWire.media(chunk, frames(1, chunk))));
            }

            List<InboundEvent> released = codec.decode(TelnyxWire.media(3 + ChunkReorder.WINDOW, frames(1, 0x7F)));

            assertThat(held).as("waiting for chunk 2").isEmpty();
            assertThat(released).hasSize(ChunkReorder.WINDOW + 1);
        }

        @Test
        void chunkOlderThanOneAlreadyPassedOnIsDroppedAsLate() {
            codec.decode(TelnyxWire.media(5, frames(1, 0x11)));

            assertThat(codec.decode(TelnyxWire.media(4, frames(1, 0x22)))).isEmpty();
            assertThat(codec.decode(TelnyxWire.media(5, frames(1, 0x22)))).isEmpty();

            assertThat(drops.kinds()).containsExactly("late_media", "late_media");
        }

        @Test
        void duplicateOfAWaitingChunkIsDroppedAsLate() {
            codec.decode(TelnyxWire.media(1, frames(1, 0x11)));
            codec.decode(TelnyxWire.media(3, frames(1, 0x33)));

            assertThat(codec.decode(TelnyxWire.media(3, frames(1, 0x33)))).isEmpty();
            assertThat(drops.kinds()).containsExactly("late_media");
        }

        @Test
        void stopReleasesTheMediaStillWaitingBeforeTheHangUp() {
            codec.decode(TelnyxWire.media(1, frames(1, 0x11)));
            codec.decode(TelnyxWire.media(3, frames(1, 0x33)));

            assertThat(codec.decode(TelnyxWire.stop())).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("AudioIn", "HangUp");
        }

        @Test
        void chunkFallsBackToTheSequenceNumber() {
            List<InboundEvent> events = new ArrayList<>();
            for (int sequence : new int[] {10, 12, 11}) {
                events.addAll(codec.decode(text("""
                        {"event":"media","sequence_number":"%d","media":{"payload":"%s"}}"""
                        .formatted(sequence, Base64.getEncoder().encodeToString(frames(1, sequence))))));
            }

            assertThat(events).extracting(e -> ((AudioIn) e).audio()[0]).containsExactly((byte) 10, (byte) 11, (byte) 12);
        }
    }

    @Nested
    class ServerToTelnyx {

        @Test
        void nothingIsSentBeforeStart() {
            assertThat(List.of(new AudioOut(frames(1, 0xFF), AudioFormat.MULAW_8K), new MarkSent("m"),
                    new Interruption(0), new EndCall("bye"))).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsSentAsMediaWithBase64PcmuAndNoStreamId() {
            codec.decode(TelnyxWire.start());
            byte[] frame = frames(1, 0x7F);

            assertThat(codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))).containsExactly(text(
                    "{\"event\":\"media\",\"media\":{\"payload\":\"" + Base64.getEncoder().encodeToString(frame) + "\"}}"));
        }

        @Test
        void markIsSentWithItsName() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.encode(new MarkSent("seg7"))).containsExactly(text("{\"event\":\"mark\",\"mark\":{\"name\":\"seg7\"}}"));
        }

        @Test
        void interruptionIsSentAsClear() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.encode(new Interruption(1234))).containsExactly(text("{\"event\":\"clear\"}"));
        }

        @Test
        void endCallSendsNothingBecauseTheStreamHasNoHangUpMessageClosingItIsTheHangUp() {
            codec.decode(TelnyxWire.start());

            assertThat(codec.encode(new EndCall("goodbye"))).isEmpty();
        }

        @Test
        void pcm16At16kIsResampledToPcmu8kKeepingTheTonesPitch() {
            codec.decode(TelnyxWire.start());
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                sent.writeBytes(payloadOf(codec.encode(new AudioOut(frame, AudioFormat.PCM16_16K)).getFirst()));
            }
            byte[] mulaw = sent.toByteArray();

            assertThat(mulaw).hasSize(4000);
            assertThat(Tones.frequency(G711.decodeMulaw(mulaw), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void pcm16At8kIsConvertedToPcmu() {
            codec.decode(TelnyxWire.start());
            short[] tone = Tones.sine(440, 8000, 20);

            byte[] sent = payloadOf(codec.encode(new AudioOut(Pcm16.toLittleEndian(tone), AudioFormat.PCM16_8K)).getFirst());

            assertThat(sent).isEqualTo(G711.encodeMulaw(tone));
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void streamHasStarted() {
            codec.decode(TelnyxWire.connected());
            codec.decode(TelnyxWire.start());
        }

        @Test
        void malformedJsonIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"media\",\"media\":{"), "malformed_json");
        }

        @Test
        void invalidBase64IsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(TelnyxWire.mediaWithPayload("not*base64!"), "invalid_base64");
        }

        @Test
        void emptyPayloadIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(TelnyxWire.mediaWithPayload(""), "partial_frame");
        }

        @Test
        void mediaBeforeStartIsDroppedAndCounted() {
            TelnyxMediaCodec fresh = new TelnyxMediaCodec(drops);

            assertThat(fresh.decode(TelnyxWire.media(1, frames(1, 0xFF)))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void secondStartIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(TelnyxWire.start(), "second_start");
        }

        @Test
        void oversizedMessageIsDroppedBeforeParsing() {
            String valid = ((WireMessage.Text) TelnyxWire.media(3, frames(1, 0xFF))).text();

            assertDroppedAndCallGoesOn(text(valid + " ".repeat(TelnyxMediaCodec.MAX_TEXT_CHARS)), "oversized_message");
        }

        @Test
        void binaryFrameIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(new WireMessage.Binary(frames(1, 0xFF)), "binary_frame");
        }

        @Test
        void unknownEventIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"transcription\"}"), "unknown_event");
        }

        @Test
        void ourOwnTrackIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(TelnyxWire.mediaOnTrack("outbound", 2, frames(1, 0xFF)), "outbound_track");
        }

        @Test
        void startWithoutCallControlIdIsDroppedAsMissingField() {
            TelnyxMediaCodec fresh = new TelnyxMediaCodec(drops);

            assertThat(fresh.decode(text("{\"event\":\"start\",\"stream_id\":\"s\",\"start\":{}}"))).isEmpty();
            assertThat(drops.kinds()).containsExactly("missing_field");
            assertThat(fresh.encode(new MarkSent("m"))).as("a failed start starts nothing").isEmpty();
        }

        @Test
        void mediaOfAnUnsupportedCodecIsDroppedButTheCallStarts() {
            TelnyxMediaCodec g722 = new TelnyxMediaCodec(drops);

            assertThat(g722.decode(TelnyxWire.startWithFormat("G722", 16000))).singleElement().isInstanceOf(CallStarted.class);
            assertThat(g722.decode(TelnyxWire.media(1, frames(1, 0xFF)))).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(TelnyxMediaCodec::new, started -> started.decode(TelnyxWire.start()));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(TelnyxWire.start(), TelnyxWire.media(1, frames(1, 0xFF)),
                    TelnyxWire.dtmf("5"), TelnyxWire.mark("m"), TelnyxWire.error("error"), TelnyxWire.stop())
                    .stream().map(m -> ((WireMessage.Text) m).text()).toList());
        }

        @Test
        void mediaOfAnotherStreamIsDroppedAsForeignAndNotHeard() {
            assertDroppedAndCallGoesOn(ofAnotherStream(TelnyxWire.media(1, frames(1, 0x7F))), "foreign_stream");
        }

        @Test
        void stopOfAnotherStreamIsDroppedAndDoesNotEndTheCall() {
            assertDroppedAndCallGoesOn(ofAnotherStream(TelnyxWire.stop()), "foreign_stream");

            assertThat(codec.decode(TelnyxWire.stop())).as("this stream's stop").last().isInstanceOf(HangUp.class);
        }

        @Test
        void markOfAnotherStreamIsDroppedAndNotTakenAsPlayed() {
            assertDroppedAndCallGoesOn(ofAnotherStream(TelnyxWire.mark("seg7")), "foreign_stream");
        }

        private WireMessage ofAnotherStream(WireMessage message) {
            return text(((WireMessage.Text) message).text().replace(STREAM_ID, "00000000-0000-4000-8000-000000000002"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(TelnyxWire.media(1, frames(1, 0x7F))))
                    .as("the next valid media").singleElement().isInstanceOf(AudioIn.class);
        }
    }

    private static byte[] payloadOf(WireMessage message) {
        JsonNode json = JsonMapper.builder().build().readTree(((WireMessage.Text) message).text());
        return Base64.getDecoder().decode(json.path("media").path("payload").asString());
    }

    private static byte[] swapped(byte[] audio) {
        byte[] swapped = new byte[audio.length];
        for (int i = 0; i < audio.length; i += 2) {
            swapped[i] = audio[i + 1];
            swapped[i + 1] = audio[i];
        }
        return swapped;
    }
}
