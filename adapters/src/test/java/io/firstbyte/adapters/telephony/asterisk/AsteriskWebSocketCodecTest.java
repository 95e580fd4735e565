package io.firstbyte.adapters.telephony.asterisk;

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
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.transport.WireMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Asterisk chan_websocket, protocols.md 3.5: MEDIA_START, raw codec frames, MARK_MEDIA and FLUSH_MEDIA. */
class AsteriskWebSocketCodecTest {

    private static final String CONNECTION_ID = "e226e283-c90a-4ea9-9e37-389000b9ef47";
    private static final Map<String, String> QUERY = Map.of("caller", "+15550001111", "called", "+15550002222");

    private final RecordingDrops drops = new RecordingDrops();
    private final AsteriskWebSocketCodec codec = new AsteriskWebSocketCodec(drops, QUERY);

    private static WireMessage mediaStart(String format, int frameSize) {
        return text("""
                {"event":"MEDIA_START","connection_id":"%s","channel":"WebSocket/media_connection1-0001",
                 "channel_id":"pbx1-1700000000.42","format":"%s","optimal_frame_size":%d,"ptime":20,
                 "channel_variables":{"TENANT":"t42"}}""".formatted(CONNECTION_ID, format, frameSize));
    }

    private static WireMessage plainMediaStart() {
        return text("MEDIA_START connection_id:" + CONNECTION_ID
                + " channel:WebSocket/c-1 channel_id:pbx1-1.1 format:ulaw optimal_frame_size:160 ptime:20");
    }

    private static WireMessage text(String text) {
        return new WireMessage.Text(text);
    }

    private static WireMessage binary(byte[] audio) {
        return new WireMessage.Binary(audio);
    }

    private static AudioOut frame() {
        return new AudioOut(Tones.sineMulaw(440, 20), AudioFormat.MULAW_8K);
    }

    @Nested
    class AsteriskToServer {

        @Test
        void mediaStartStartsTheCallWithTheDialStringsNumbersAndTheChannelVariables() {
            CallStarted started = (CallStarted) codec.decode(mediaStart("ulaw", 160)).getFirst();

            assertThat(started.streamId()).isEqualTo(CONNECTION_ID);
            assertThat(started.callId()).isEqualTo("pbx1-1700000000.42");
            assertThat(started.parameters()).containsEntry("From", "+15550001111").containsEntry("To", "+15550002222")
                    .containsEntry("TENANT", "t42").containsEntry("channel", "WebSocket/media_connection1-0001");
        }

        @Test
        void thePlainTextMediaStartStartsTheCallToo() {
            CallStarted started = (CallStarted) codec.decode(plainMediaStart()).getFirst();

            assertThat(started.streamId()).isEqualTo(CONNECTION_ID);
            assertThat(started.callId()).isEqualTo("pbx1-1.1");
            assertThat(started.parameters()).containsEntry("To", "+15550002222");
        }

        @Test
        void ulawFramesPassThroughAsAudioIn() {
            codec.decode(mediaStart("ulaw", 160));
            byte[] frame = Tones.sineMulaw(440, 20);

            assertThat(codec.decode(binary(frame))).singleElement().satisfies(e -> {
                assertThat(((AudioIn) e).audio()).isEqualTo(frame);
                assertThat(((AudioIn) e).timestampMillis()).isZero();
            });
        }

        @Test
        void alawFramesAreConvertedToMulaw() {
            codec.decode(mediaStart("alaw", 160));
            byte[] alaw = G711.encodeAlaw(Tones.sine(440, 8000, 20));

            assertThat(codec.decode(binary(alaw))).singleElement().satisfies(e ->
                    assertThat(((AudioIn) e).audio()).isEqualTo(G711.encodeMulaw(G711.decodeAlaw(alaw))));
        }

        @Test
        void slin16FramesAreResampledKeepingTheTonesPitch() {
            codec.decode(mediaStart("slin16", 640));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                events.addAll(codec.decode(binary(frame)));
            }

            assertThat(events).hasSize(25);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void dtmfEndYieldsTheDigitInEitherFormat() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.decode(text("{\"event\":\"DTMF_END\",\"channel_id\":\"pbx1-1.1\",\"digit\":\"7\"}")))
                    .containsExactly(new Dtmf("7"));
            assertThat(codec.decode(text("DTMF_END digit:#"))).containsExactly(new Dtmf("#"));
        }

        @Test
        void markProcessedIsTheMarksEcho() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.decode(text("{\"event\":\"MEDIA_MARK_PROCESSED\",\"correlation_id\":\"seg7\"}")))
                    .containsExactly(new MarkPlayed("seg7"));
        }

        @Test
        void statusAndQueueNotificationsYieldNothing() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.decode(text("{\"event\":\"STATUS\",\"queue_length\":43}"))).isEmpty();
            assertThat(codec.decode(text("QUEUE_DRAINED"))).isEmpty();
            assertThat(codec.decode(text("MEDIA_BUFFERING_COMPLETED 61ea9311"))).isEmpty();
            assertThat(drops.kinds()).isEmpty();
        }
    }

    @Nested
    class ServerToAsterisk {

        @Test
        void nothingIsSentBeforeMediaStart() {
            assertThat(List.of(frame(), new MarkSent("m"), new Interruption(0), new EndCall("bye")))
                    .allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void ulawAudioIsSentAsBinaryFramesOfTheOptimalSize() {
            codec.decode(mediaStart("ulaw", 160));
            AudioOut frame = frame();

            assertThat(codec.encode(frame)).singleElement()
                    .satisfies(message -> assertThat(((WireMessage.Binary) message).bytes()).isEqualTo(frame.audio()));
        }

        @Test
        void slin16AudioIsResampledInto640ByteFramesKeepingTheTonesPitch() {
            codec.decode(mediaStart("slin16", 640));
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] frame : Tones.slices(Tones.sineMulaw(1000, 500), 160)) {
                for (WireMessage message : codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))) {
                    assertThat(((WireMessage.Binary) message).bytes()).hasSize(640);
                    sent.writeBytes(((WireMessage.Binary) message).bytes());
                }
            }

            assertThat(Tones.frequency(Pcm16.fromLittleEndian(sent.toByteArray()), 16000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void markIsSentAsMarkMediaWithTheNameAsCorrelationId() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.encode(new MarkSent("seg7")))
                    .containsExactly(text("{\"command\":\"MARK_MEDIA\",\"correlation_id\":\"seg7\"}"));
        }

        @Test
        void interruptionIsSentAsFlushMedia() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.encode(new Interruption(0))).containsExactly(text("{\"command\":\"FLUSH_MEDIA\"}"));
        }

        @Test
        void endCallIsSentAsHangup() {
            codec.decode(mediaStart("ulaw", 160));

            assertThat(codec.encode(new EndCall("bye"))).containsExactly(text("{\"command\":\"HANGUP\"}"));
        }

        @Test
        void aPlainTextChannelGetsPlainTextCommands() {
            codec.decode(plainMediaStart());

            assertThat(codec.encode(new Interruption(0))).containsExactly(text("FLUSH_MEDIA"));
            assertThat(codec.encode(new EndCall("bye"))).containsExactly(text("HANGUP"));
        }

        @Test
        void onAPlainTextChannelMarksPlayWhenTheCallerAudioClockPassesThem() {
            codec.decode(plainMediaStart());
            codec.encode(frame());
            codec.encode(frame());

            assertThat(codec.encode(new MarkSent("a1-c0"))).as("no MARK_MEDIA in plain text").isEmpty();
            assertThat(codec.decode(binary(new byte[160]))).noneMatch(MarkPlayed.class::isInstance);
            assertThat(codec.decode(binary(new byte[160]))).last().isEqualTo(new MarkPlayed("a1-c0"));
        }

        @Test
        void audioIsHeldBackBetweenXoffAndXon() {
            codec.decode(mediaStart("ulaw", 160));

            codec.decode(text("{\"event\":\"MEDIA_XOFF\"}"));
            assertThat(codec.encode(frame())).isEmpty();
            codec.decode(text("{\"event\":\"MEDIA_XON\"}"));
            assertThat(codec.encode(frame())).hasSize(1);

            assertThat(drops.kinds()).containsExactly("outbound_paused");
        }

        @Test
        void aFlushEndsThePause() {
            codec.decode(mediaStart("ulaw", 160));
            codec.decode(text("{\"event\":\"MEDIA_XOFF\"}"));

            codec.encode(new Interruption(0));

            assertThat(codec.encode(frame())).hasSize(1);
        }
    }

    /** The dial plan names the call in v() and asks after Dial() where it goes: the WebSocket itself only hangs up. */
    @Nested
    class HandingOver {

        private AsteriskWebSocketCodec dialledWith(Map<String, String> extra) {
            Map<String, String> query = new java.util.HashMap<>(QUERY);
            query.putAll(extra);
            return new AsteriskWebSocketCodec(drops, query);
        }

        @Test
        void theCallIsNamedAsTheDialPlanNamesItAndHandsOverWhenTheDialPlanSaysSo() {
            AsteriskWebSocketCodec named = dialledWith(Map.of("call", "pbx1-1718000000.42", "handOver", "true"));

            CallStarted started = (CallStarted) named.decode(mediaStart("ulaw", 160)).getFirst();

            assertThat(started.callId()).isEqualTo("pbx1-1718000000.42");
            assertThat(started.parameters()).containsEntry("channel_id", "pbx1-1700000000.42");
            assertThat(named.handsOver()).isTrue();
            assertThat(named.encode(new EndCall("transfer", "+15550009999"))).containsExactly(text("{\"command\":\"HANGUP\"}"));
            assertThat(drops.kinds()).isEmpty();
        }

        @Test
        void aUuidNameIsWrittenInLowerCaseAsAudioSocketsUuidIs() {
            AsteriskWebSocketCodec named = dialledWith(Map.of("call", "0B7F1F5E-4C55-4D0A-9A57-3F1F1C9B2A10"));

            assertThat(((CallStarted) named.decode(mediaStart("ulaw", 160)).getFirst()).callId())
                    .isEqualTo("0b7f1f5e-4c55-4d0a-9a57-3f1f1c9b2a10");
        }

        @Test
        void withoutHandOverTheNamedCallCannotBeHandedOver() {
            AsteriskWebSocketCodec named = dialledWith(Map.of("call", "1718000000.42"));

            named.decode(mediaStart("ulaw", 160));

            assertThat(named.handsOver()).isFalse();
            assertThat(codec.handsOver()).isFalse();
        }

        @Test
        void handOverWithoutANameIsReportedAndTheCallCannotBeHandedOver() {
            AsteriskWebSocketCodec unnamed = dialledWith(Map.of("handOver", "true"));

            CallStarted started = (CallStarted) unnamed.decode(mediaStart("ulaw", 160)).getFirst();

            assertThat(started.callId()).isEqualTo("pbx1-1700000000.42");
            assertThat(unnamed.handsOver()).isFalse();
            assertThat(drops.kinds()).containsExactly("missing_field");
            assertThat(drops.details().getFirst()).contains("v(call=${UNIQUEID})");
        }

        @Test
        void aNameThatIsNoCallNameIsReportedAndTheChannelNamesTheCall() {
            AsteriskWebSocketCodec badlyNamed = dialledWith(Map.of("call", "1718000000.42\nFAKE LOG LINE", "handOver", "true"));

            CallStarted started = (CallStarted) badlyNamed.decode(mediaStart("ulaw", 160)).getFirst();

            assertThat(started.callId()).isEqualTo("pbx1-1700000000.42");
            assertThat(badlyNamed.handsOver()).isFalse();
            assertThat(drops.kinds()).containsExactly("missing_field", "missing_field");
            assertThat(drops.details().getFirst()).doesNotContain("\n");
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void callHasStarted() {
            codec.decode(mediaStart("ulaw", 160));
        }

        @Test
        void malformedJsonIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":"), "malformed_json");
        }

        @Test
        void aPlainTextLineThatIsNoEventIsDroppedAsUnknown() {
            assertDroppedAndCallGoesOn(text("hello there"), "unknown_event");
        }

        @Test
        void anUnknownEventIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"MEDIA_SOMETHING_NEW\"}"), "unknown_event");
        }

        @Test
        void audioBeforeMediaStartIsDroppedAndCounted() {
            AsteriskWebSocketCodec fresh = new AsteriskWebSocketCodec(drops, QUERY);

            assertThat(fresh.decode(binary(new byte[160]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void secondMediaStartIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(mediaStart("slin16", 640), "second_start");
        }

        @Test
        void mediaStartWithoutConnectionIdIsDroppedAsMissingField() {
            AsteriskWebSocketCodec fresh = new AsteriskWebSocketCodec(drops, QUERY);

            assertThat(fresh.decode(text("{\"event\":\"MEDIA_START\",\"format\":\"ulaw\"}"))).isEmpty();
            assertThat(drops.kinds()).containsExactly("missing_field");
        }

        @Test
        void dtmfWithoutDigitIsDroppedAsMissingField() {
            assertDroppedAndCallGoesOn(text("DTMF_END"), "missing_field");
        }

        @Test
        void halfAnSlinSampleIsDroppedAsPartialFrame() {
            AsteriskWebSocketCodec slin = new AsteriskWebSocketCodec(drops, QUERY);
            slin.decode(mediaStart("slin", 320));

            assertThat(slin.decode(binary(new byte[319]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("partial_frame");
        }

        @Test
        void anOversizedFrameIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(binary(new byte[AsteriskWebSocketCodec.MAX_BINARY_BYTES + 1]), "oversized_message");
        }

        @Test
        void aCodecOtherThanG711OrSlinStartsTheCallButItsAudioIsDropped() {
            AsteriskWebSocketCodec opus = new AsteriskWebSocketCodec(drops, QUERY);

            assertThat(opus.decode(mediaStart("opus", 0))).singleElement().isInstanceOf(CallStarted.class);
            assertThat(opus.decode(binary(new byte[60]))).isEmpty();
            assertThat(opus.encode(frame())).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format", "unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(dropped -> new AsteriskWebSocketCodec(dropped, QUERY),
                    started -> started.decode(mediaStart("slin16", 640)));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(((WireMessage.Text) mediaStart("ulaw", 160)).text(),
                    ((WireMessage.Text) plainMediaStart()).text(), "DTMF_END digit:5",
                    "{\"event\":\"MEDIA_MARK_PROCESSED\",\"correlation_id\":\"seg7\"}"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(binary(new byte[160]))).as("the next valid frame").singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
