package io.firstbyte.adapters.telephony.vonage;

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

/** Vonage Voice API WebSockets, protocols.md 3.4: a JSON first message, then L16 both ways. */
class VonageWebSocketCodecTest {

    private static final String CONNECTED = """
            {"event":"websocket:connected","content-type":"audio/l16;rate=16000",
             "from":"+447700900001","to":"+447700900002","tenant":"t42","token":"9f2c","uuid":"63f61863-4a51-4f6b-86e1-46edebcf9356"}""";

    private final RecordingDrops drops = new RecordingDrops();
    private final VonageWebSocketCodec codec = new VonageWebSocketCodec(drops);

    private static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    private static WireMessage binary(byte[] audio) {
        return new WireMessage.Binary(audio);
    }

    @Nested
    class VonageToServer {

        @Test
        void connectedStartsTheCallWithTheNccoHeadersAsParameters() {
            assertThat(codec.decode(text(CONNECTED))).containsExactly(new CallStarted(
                    "63f61863-4a51-4f6b-86e1-46edebcf9356", "63f61863-4a51-4f6b-86e1-46edebcf9356",
                    Map.of("From", "+447700900001", "To", "+447700900002", "from", "+447700900001", "to", "+447700900002",
                            "tenant", "t42", "token", "9f2c", "uuid", "63f61863-4a51-4f6b-86e1-46edebcf9356"),
                    AudioFormat.MULAW_8K));
        }

        @Test
        void aFirstMessageWithoutAUuidStartsTheCallOnAnEventLoopThreadWithoutBlocking() {
            List<InboundEvent> events = reactor.core.publisher.Mono.fromCallable(() -> codec.decode(text("""
                    {"event":"websocket:connected","content-type":"audio/l16;rate=16000","from":"+1","to":"+2"}""")))
                    .subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                    .block(java.time.Duration.ofSeconds(20));

            assertThat(events).singleElement().satisfies(e -> assertThat(java.util.UUID.fromString(((CallStarted) e).callId()).version())
                    .isEqualTo(4));
        }

        @Test
        void theOlderFirstMessageWithoutEventStartsTheCallToo() {
            List<InboundEvent> events = codec.decode(text("""
                    {"content-type":"audio/l16;rate=8000","from":"+1","to":"+2"}"""));

            assertThat(events).singleElement().satisfies(e -> {
                assertThat(((CallStarted) e).parameters()).containsEntry("To", "+2");
                assertThat(((CallStarted) e).callId()).isNotBlank();
            });
        }

        @Test
        void l16At16kBecomesMulaw8kFramesKeepingTheTonesPitch() {
            codec.decode(text(CONNECTED));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 1000), 640)) {
                events.addAll(codec.decode(binary(frame)));
            }

            assertThat(events).hasSize(50).allSatisfy(e -> assertThat(((AudioIn) e).audio()).hasSize(160));
            assertThat(((AudioIn) events.get(49)).timestampMillis()).isEqualTo(980);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(10.0));
        }

        @Test
        void l16At8kBecomesMulawFrames() {
            codec.decode(text("{\"event\":\"websocket:connected\",\"content-type\":\"audio/l16;rate=8000\"}"));
            short[] tone = Tones.sine(440, 8000, 20);

            AudioIn audio = (AudioIn) codec.decode(binary(Pcm16.toLittleEndian(tone))).getFirst();

            assertThat(audio.audio()).isEqualTo(G711.encodeMulaw(tone));
        }

        @Test
        void dtmfYieldsTheDigit() {
            codec.decode(text(CONNECTED));

            assertThat(codec.decode(text("{\"event\":\"websocket:dtmf\",\"digit\":\"5\",\"duration\":260}")))
                    .containsExactly(new Dtmf("5"));
        }

        @Test
        void notifyIsTheMarksEcho() {
            codec.decode(text(CONNECTED));

            assertThat(codec.decode(text("{\"event\":\"websocket:notify\",\"payload\":{\"name\":\"seg7\"}}")))
                    .containsExactly(new MarkPlayed("seg7"));
        }

        @Test
        void clearedYieldsNothing() {
            codec.decode(text(CONNECTED));

            assertThat(codec.decode(text("{\"event\":\"websocket:cleared\"}"))).isEmpty();
            assertThat(drops.kinds()).isEmpty();
        }
    }

    @Nested
    class ServerToVonage {

        @Test
        void nothingIsSentBeforeTheFirstMessage() {
            assertThat(List.of(new AudioOut(new byte[160], AudioFormat.MULAW_8K), new MarkSent("m"), new Interruption(0),
                    new EndCall("bye"))).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsSentAsBinaryL16In640ByteFramesKeepingTheTonesPitch() {
            codec.decode(text(CONNECTED));
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] frame : Tones.slices(Tones.sineMulaw(1000, 1000), 160)) {
                for (WireMessage message : codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))) {
                    assertThat(((WireMessage.Binary) message).bytes()).hasSize(640);
                    sent.writeBytes(((WireMessage.Binary) message).bytes());
                }
            }

            assertThat(Tones.frequency(Pcm16.fromLittleEndian(sent.toByteArray()), 16000)).isCloseTo(1000, within(10.0));
        }

        @Test
        void audioAt8kIsSentIn320ByteFrames() {
            codec.decode(text("{\"event\":\"websocket:connected\",\"content-type\":\"audio/l16;rate=8000\"}"));

            assertThat(codec.encode(new AudioOut(new byte[160], AudioFormat.MULAW_8K))).singleElement()
                    .satisfies(message -> assertThat(((WireMessage.Binary) message).bytes()).hasSize(320));
        }

        @Test
        void markIsSentAsNotifyAfterTheAudioBeforeIt() {
            codec.decode(text(CONNECTED));
            codec.encode(new AudioOut(new byte[80], AudioFormat.MULAW_8K));

            List<WireMessage> sent = codec.encode(new MarkSent("seg7"));

            assertThat(sent).hasSize(2);
            assertThat(((WireMessage.Binary) sent.get(0)).bytes()).as("the held half frame, padded").hasSize(640);
            assertThat(sent.get(1)).isEqualTo(text("{\"action\":\"notify\",\"payload\":{\"name\":\"seg7\"}}"));
        }

        @Test
        void interruptionIsSentAsClearAndDropsTheHeldAudio() {
            codec.decode(text(CONNECTED));
            codec.encode(new AudioOut(new byte[80], AudioFormat.MULAW_8K));

            assertThat(codec.encode(new Interruption(5))).containsExactly(text("{\"action\":\"clear\"}"));
            assertThat(codec.encode(new MarkSent("m"))).as("nothing held back any more").hasSize(1);
        }

        @Test
        void endCallSendsNothingBecauseClosingTheSocketEndsTheLeg() {
            codec.decode(text(CONNECTED));

            assertThat(codec.encode(new EndCall("bye"))).isEmpty();
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void callHasStarted() {
            codec.decode(text(CONNECTED));
        }

        @Test
        void malformedJsonIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\""), "malformed_json");
        }

        @Test
        void halfASampleIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(binary(new byte[641]), "partial_frame");
        }

        @Test
        void emptyBinaryIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(binary(new byte[0]), "partial_frame");
        }

        @Test
        void audioBeforeTheFirstMessageIsDroppedAndCounted() {
            VonageWebSocketCodec fresh = new VonageWebSocketCodec(drops);

            assertThat(fresh.decode(binary(new byte[640]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void secondConnectedIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text(CONNECTED), "second_start");
        }

        @Test
        void oversizedFramesAreDroppedBeforeDecoding() {
            assertDroppedAndCallGoesOn(binary(new byte[VonageWebSocketCodec.MAX_BINARY_BYTES + 2]), "oversized_message");
            assertThat(codec.decode(text(" ".repeat(VonageWebSocketCodec.MAX_TEXT_CHARS + 1)))).isEmpty();
        }

        @Test
        void unknownEventIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"websocket:media:update\"}"), "unknown_event");
        }

        @Test
        void notifyWithoutPayloadIsDroppedAsMissingField() {
            assertDroppedAndCallGoesOn(text("{\"event\":\"websocket:notify\"}"), "missing_field");
        }

        @Test
        void aContentTypeOtherThanL16IsUnsupportedAndStartsNothing() {
            VonageWebSocketCodec fresh = new VonageWebSocketCodec(drops);

            assertThat(fresh.decode(text("{\"event\":\"websocket:connected\",\"content-type\":\"audio/opus\"}"))).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(VonageWebSocketCodec::new, started -> started.decode(text(CONNECTED)));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(CONNECTED, "{\"event\":\"websocket:dtmf\",\"digit\":\"5\"}",
                    "{\"event\":\"websocket:notify\",\"payload\":{\"name\":\"seg7\"}}", "{\"event\":\"websocket:cleared\"}"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(binary(new byte[640]))).as("the next valid frame").singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
