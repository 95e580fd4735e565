package io.firstbyte.adapters.telephony.plivo;

import static io.firstbyte.adapters.telephony.plivo.PlivoWire.CALL_ID;
import static io.firstbyte.adapters.telephony.plivo.PlivoWire.STREAM_ID;
import static io.firstbyte.adapters.telephony.plivo.PlivoWire.frames;
import static io.firstbyte.adapters.telephony.plivo.PlivoWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.adapters.telephony.common.CodecFuzz;
import io.firstbyte.adapters.telephony.common.RecordingDrops;
import io.firstbyte.adapters.telephony.common.Tones;
import io.firstbyte.pipeline.audio.AudioFormat;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Plivo Audio Streams, protocols.md 2.2: start, media, dtmf, playedStream and clearedAudio in; playAudio, checkpoint, clearAudio out. */
class PlivoMediaCodecTest {

    private final RecordingDrops drops = new RecordingDrops();
    private final PlivoMediaCodec codec = new PlivoMediaCodec(drops);

    @Nested
    class PlivoToServer {

        @Test
        void startNamesTheStreamAndTheCallAndCarriesTheExtraHeaders() {
            assertThat(codec.decode(PlivoWire.start())).containsExactly(new CallStarted(STREAM_ID, CALL_ID,
                    Map.of("From", "+14155550100", "To", "+14155550199", "tenant", "t42", "token", "9f2c1a",
                            "accountId", "MA123"), AudioFormat.MULAW_8K));
        }

        @Test
        void numbersThatAreNotAllDigitsAreLeftAlone() {
            CallStarted started = (CallStarted) codec.decode(
                    PlivoWire.start("audio/x-mulaw", 8000, "from=sipalice,to=14155550199")).getFirst();

            assertThat(started.parameters()).containsEntry("From", "sipalice").containsEntry("To", "+14155550199");
        }

        @Test
        void startWithoutExtraHeadersHasNoNumbers() {
            List<InboundEvent> events = codec.decode(text("""
                    {"event":"start","start":{"callId":"c1","streamId":"s1"}}"""));

            assertThat(((CallStarted) events.getFirst()).parameters()).doesNotContainKeys("From", "To");
        }

        @Test
        void mediaYieldsMulawFramesStampedByTheirPosition() {
            codec.decode(PlivoWire.start());

            List<InboundEvent> events = codec.decode(PlivoWire.media(frames(2, 0x7F)));

            assertThat(events).extracting(e -> ((AudioIn) e).timestampMillis()).containsExactly(0L, 20L);
            assertThat(((AudioIn) events.getFirst()).audio()).isEqualTo(frames(1, 0x7F));
        }

        @Test
        void l16At16kIsResampledToMulaw8kKeepingTheTonesPitch() {
            codec.decode(PlivoWire.start("audio/x-l16;rate=16000", 16000, "To=14155550199"));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                events.addAll(codec.decode(PlivoWire.media(frame)));
            }

            assertThat(events).hasSize(25);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void dtmfYieldsTheDigit() {
            codec.decode(PlivoWire.start());

            assertThat(codec.decode(PlivoWire.dtmf("5"))).containsExactly(new Dtmf("5"));
        }

        @Test
        void playedStreamIsTheCheckpointsEcho() {
            codec.decode(PlivoWire.start());

            assertThat(codec.decode(PlivoWire.playedStream("seg7"))).containsExactly(new MarkPlayed("seg7"));
        }

        @Test
        void clearedAudioYieldsNothing() {
            codec.decode(PlivoWire.start());

            assertThat(codec.decode(PlivoWire.clearedAudio())).isEmpty();
            assertThat(drops.kinds()).isEmpty();
        }

        @Test
        void stopYieldsHangUp() {
            codec.decode(PlivoWire.start());

            assertThat(codec.decode(PlivoWire.stop())).containsExactly(new HangUp("stop"));
        }
    }

    @Nested
    class ServerToPlivo {

        @Test
        void nothingIsSentBeforeStart() {
            assertThat(List.of(new AudioOut(frames(1, 0xFF), AudioFormat.MULAW_8K), new MarkSent("m"),
                    new Interruption(0), new EndCall("bye"))).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsSentAsPlayAudioWithItsContentType() {
            codec.decode(PlivoWire.start());
            byte[] frame = frames(1, 0x7F);

            assertThat(codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))).containsExactly(text(
                    "{\"event\":\"playAudio\",\"media\":{\"contentType\":\"audio/x-mulaw\",\"sampleRate\":8000,\"payload\":\""
                            + Base64.getEncoder().encodeToString(frame) + "\"}}"));
        }

        @Test
        void markIsSentAsCheckpointNamingTheStream() {
            codec.decode(PlivoWire.start());

            assertThat(codec.encode(new MarkSent("seg7"))).containsExactly(
                    text("{\"event\":\"checkpoint\",\"streamId\":\"" + STREAM_ID + "\",\"name\":\"seg7\"}"));
        }

        @Test
        void interruptionIsSentAsClearAudio() {
            codec.decode(PlivoWire.start());

            assertThat(codec.encode(new Interruption(10))).containsExactly(
                    text("{\"event\":\"clearAudio\",\"streamId\":\"" + STREAM_ID + "\"}"));
        }

        @Test
        void endCallSendsNothingBecauseClosingTheSocketEndsAKeepCallAliveStream() {
            codec.decode(PlivoWire.start());

            assertThat(codec.encode(new EndCall("bye"))).isEmpty();
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void streamHasStarted() {
            codec.decode(PlivoWire.start());
        }

        @Test
        void malformedJsonIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":"), "malformed_json");
        }

        @Test
        void invalidBase64IsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(PlivoWire.mediaWithPayload("inbound", "%%%"), "invalid_base64");
        }

        @Test
        void emptyPayloadIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(PlivoWire.mediaWithPayload("inbound", ""), "partial_frame");
        }

        @Test
        void halfAnL16SampleIsDroppedAsPartialFrame() {
            PlivoMediaCodec l16 = new PlivoMediaCodec(drops);
            l16.decode(PlivoWire.start("audio/x-l16", 8000, ""));

            assertThat(l16.decode(PlivoWire.media(new byte[321]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("partial_frame");
        }

        @Test
        void mediaBeforeStartIsDroppedAndCounted() {
            PlivoMediaCodec fresh = new PlivoMediaCodec(drops);

            assertThat(fresh.decode(PlivoWire.media(frames(1, 0xFF)))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void secondStartIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(PlivoWire.start(), "second_start");
        }

        @Test
        void oversizedMessageIsDroppedBeforeParsing() {
            assertDroppedAndCallGoesOn(text(" ".repeat(PlivoMediaCodec.MAX_TEXT_CHARS + 1)), "oversized_message");
        }

        @Test
        void binaryFrameIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(new WireMessage.Binary(frames(1, 0xFF)), "binary_frame");
        }

        @Test
        void unknownEventIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"playAudio\"}"), "unknown_event");
        }

        @Test
        void anotherTrackIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(PlivoWire.mediaOnTrack("outbound", frames(1, 0xFF)), "outbound_track");
        }

        @Test
        void playedStreamWithoutNameIsDroppedAsMissingField() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"playedStream\"}"), "missing_field");
        }

        @Test
        void unsupportedContentTypeStartsTheCallButDropsItsMedia() {
            PlivoMediaCodec opus = new PlivoMediaCodec(drops);

            assertThat(opus.decode(PlivoWire.start("audio/opus", 48000, ""))).singleElement().isInstanceOf(CallStarted.class);
            assertThat(opus.decode(PlivoWire.media(frames(1, 0xFF)))).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(PlivoMediaCodec::new, started -> started.decode(PlivoWire.start()));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(PlivoWire.start(), PlivoWire.media(frames(1, 0xFF)), PlivoWire.dtmf("1"),
                    PlivoWire.playedStream("m"), PlivoWire.clearedAudio()).stream().map(m -> ((WireMessage.Text) m).text()).toList());
        }

        @Test
        void mediaOfAnotherStreamIsDroppedAsForeignAndNotHeard() {
            assertDroppedAndCallGoesOn(ofAnotherStream(PlivoWire.media(frames(1, 0x7F))), "foreign_stream");
        }

        @Test
        void stopOfAnotherStreamIsDroppedAndDoesNotEndTheCall() {
            assertDroppedAndCallGoesOn(ofAnotherStream(PlivoWire.stop()), "foreign_stream");

            assertThat(codec.decode(PlivoWire.stop())).as("this stream's stop").singleElement().isInstanceOf(HangUp.class);
        }

        @Test
        void playedStreamOfAnotherStreamIsDroppedAndNotTakenAsPlayed() {
            assertDroppedAndCallGoesOn(ofAnotherStream(PlivoWire.playedStream("seg7")), "foreign_stream");
        }

        private WireMessage ofAnotherStream(WireMessage message) {
            return text(((WireMessage.Text) message).text().replace(PlivoWire.STREAM_ID, "00000000-0000-4000-8000-000000000002"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(PlivoWire.media(frames(1, 0x7F)))).as("the next valid media")
                    .singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
