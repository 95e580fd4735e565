package io.firstbyte.adapters.telephony.jambonz;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** jambonz listen, protocols.md 3.3: metadata first, then binary L16 both ways, marks and killAudio. */
class JambonzListenCodecTest {

    private static final String CALL_SID = "3b0b1c6e-2b9c-4c55-8b4b-6a1f5c1d2e3f";

    private final RecordingDrops drops = new RecordingDrops();
    private final JambonzListenCodec codec = new JambonzListenCodec(drops);

    private static WireMessage metadata(int sampleRate) {
        return text("""
                {"callSid":"%s","from":"+15550001111","to":"+15550002222","direction":"inbound",
                 "callId":"a84c@10.0.0.1","accountSid":"acc-1","applicationSid":"app-1","callerName":"Alice",
                 "callStatus":"in-progress","sipStatus":200,"sampleRate":%d,"mixType":"mono","tenant":"t42"}"""
                .formatted(CALL_SID, sampleRate));
    }

    private static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    private static WireMessage binary(byte[] audio) {
        return new WireMessage.Binary(audio);
    }

    @Nested
    class JambonzToServer {

        @Test
        void metadataStartsTheCallWithTheCallsAttributesAsParameters() {
            CallStarted started = (CallStarted) codec.decode(metadata(8000)).getFirst();

            assertThat(started.streamId()).isEqualTo(CALL_SID);
            assertThat(started.callId()).isEqualTo(CALL_SID);
            assertThat(started.format()).isEqualTo(AudioFormat.MULAW_8K);
            assertThat(started.parameters()).containsEntry("From", "+15550001111").containsEntry("To", "+15550002222")
                    .containsEntry("tenant", "t42").containsEntry("direction", "inbound").containsEntry("sipStatus", "200");
        }

        @Test
        void metadataNestedUnderMetadataIsReadToo() {
            CallStarted started = (CallStarted) codec.decode(text("""
                    {"callSid":"c1","from":"+1","to":"+2","metadata":{"tenant":"t7"}}""")).getFirst();

            assertThat(started.parameters()).containsEntry("tenant", "t7");
        }

        @Test
        void l16At8kBecomesMulawFrames() {
            codec.decode(metadata(8000));
            short[] tone = Tones.sine(440, 8000, 20);

            AudioIn audio = (AudioIn) codec.decode(binary(Pcm16.toLittleEndian(tone))).getFirst();

            assertThat(audio.audio()).isEqualTo(G711.encodeMulaw(tone));
            assertThat(audio.timestampMillis()).isZero();
        }

        @Test
        void l16At16kIsResampledKeepingTheTonesPitch() {
            codec.decode(metadata(16000));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                events.addAll(codec.decode(binary(frame)));
            }

            assertThat(events).hasSize(25);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void aMarkReachedIsTheMarksEcho() {
            codec.decode(metadata(8000));

            assertThat(codec.decode(text("{\"type\":\"mark\",\"data\":{\"name\":\"seg7\",\"event\":\"playout\"}}")))
                    .containsExactly(new MarkPlayed("seg7"));
        }

        @Test
        void aMarkClearedByKillAudioYieldsNothing() {
            codec.decode(metadata(8000));

            assertThat(codec.decode(text("{\"type\":\"mark\",\"data\":{\"name\":\"seg7\",\"event\":\"cleared\"}}"))).isEmpty();
            assertThat(drops.kinds()).isEmpty();
        }

        @Test
        void dtmfYieldsTheDigit() {
            codec.decode(metadata(8000));

            assertThat(codec.decode(text("{\"event\":\"dtmf\",\"dtmf\":\"5\",\"duration\":\"250\"}"))).containsExactly(new Dtmf("5"));
        }
    }

    @Nested
    class ServerToJambonz {

        @Test
        void nothingIsSentBeforeTheMetadata() {
            assertThat(List.of(new AudioOut(new byte[160], AudioFormat.MULAW_8K), new MarkSent("m"), new Interruption(0),
                    new EndCall("bye"))).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsSentAsBinaryL16AtTheStreamsRate() {
            codec.decode(metadata(8000));
            short[] tone = Tones.sine(440, 8000, 20);

            assertThat(codec.encode(new AudioOut(G711.encodeMulaw(tone), AudioFormat.MULAW_8K))).singleElement()
                    .satisfies(message -> assertThat(((WireMessage.Binary) message).bytes())
                            .isEqualTo(Pcm16.toLittleEndian(G711.decodeMulaw(G711.encodeMulaw(tone)))));
        }

        @Test
        void audioAt16kKeepsTheTonesPitch() {
            codec.decode(metadata(16000));
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (byte[] frame : Tones.slices(Tones.sineMulaw(1000, 500), 160)) {
                codec.encode(new AudioOut(frame, AudioFormat.MULAW_8K))
                        .forEach(message -> sent.writeBytes(((WireMessage.Binary) message).bytes()));
            }

            assertThat(sent.size()).isEqualTo(16000);
            assertThat(Tones.frequency(Pcm16.fromLittleEndian(sent.toByteArray()), 16000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void markIsSentAfterTheAudioBeforeIt() {
            codec.decode(metadata(8000));

            assertThat(codec.encode(new MarkSent("seg7")))
                    .containsExactly(text("{\"type\":\"mark\",\"data\":{\"name\":\"seg7\"}}"));
        }

        @Test
        void interruptionIsSentAsKillAudio() {
            codec.decode(metadata(8000));

            assertThat(codec.encode(new Interruption(3))).containsExactly(text("{\"type\":\"killAudio\"}"));
        }

        @Test
        void endCallIsSentAsDisconnect() {
            codec.decode(metadata(8000));

            assertThat(codec.encode(new EndCall("bye"))).containsExactly(text("{\"type\":\"disconnect\"}"));
        }

        @Test
        void aListenWhoseMetadataSaysHandOverHandsCallersOverByEndingTheListenForItsActionHook() {
            codec.decode(text("""
                    {"callSid":"%s","from":"+15550001111","to":"+15550002222","sampleRate":8000,"handOver":true}"""
                    .formatted(CALL_SID)));

            assertThat(codec.handsOver()).isTrue();
            assertThat(codec.encode(new EndCall("transfer", "+15550009999"))).containsExactly(text("{\"type\":\"disconnect\"}"));
        }

        @Test
        void aListenWithoutHandOverInItsMetadataCannotPassCallsOn() {
            codec.decode(metadata(8000));

            assertThat(codec.handsOver()).isFalse();
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void callHasStarted() {
            codec.decode(metadata(8000));
        }

        @Test
        void malformedJsonIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"type\":"), "malformed_json");
        }

        @Test
        void halfASampleIsDroppedAsPartialFrame() {
            assertDroppedAndCallGoesOn(binary(new byte[319]), "partial_frame");
        }

        @Test
        void audioBeforeTheMetadataIsDroppedAndCounted() {
            JambonzListenCodec fresh = new JambonzListenCodec(drops);

            assertThat(fresh.decode(binary(new byte[320]))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void secondMetadataIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(metadata(16000), "second_start");
        }

        @Test
        void oversizedFrameIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(binary(new byte[JambonzListenCodec.MAX_BINARY_BYTES + 2]), "oversized_message");
        }

        @Test
        void unknownTypeIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(text("{\"type\":\"playDone\",\"data\":{}}"), "unknown_event");
        }

        @Test
        void metadataWithoutCallSidIsDroppedAsMissingField() {
            JambonzListenCodec fresh = new JambonzListenCodec(drops);

            assertThat(fresh.decode(text("{\"from\":\"+1\",\"to\":\"+2\"}"))).isEmpty();
            assertThat(drops.kinds()).containsExactly("missing_field");
        }

        @Test
        void aSampleRateThatCannotBeResampledStartsTheCallButDropsItsAudio() {
            JambonzListenCodec fast = new JambonzListenCodec(drops);

            assertThat(fast.decode(metadata(64000))).singleElement().isInstanceOf(CallStarted.class);
            assertThat(fast.decode(binary(new byte[2560]))).isEmpty();
            assertThat(fast.encode(new AudioOut(new byte[160], AudioFormat.MULAW_8K))).isEmpty();
            assertThat(drops.kinds()).containsExactly("unsupported_audio_format", "unsupported_audio_format");
        }

        @Test
        void randomAndMangledInputNeverThrows() {
            CodecFuzz fuzz = new CodecFuzz(JambonzListenCodec::new, started -> started.decode(metadata(16000)));
            fuzz.randomBytesNeverThrow();
            fuzz.mangledMessagesNeverThrow(List.of(((WireMessage.Text) metadata(8000)).text(),
                    "{\"type\":\"mark\",\"data\":{\"name\":\"seg7\",\"event\":\"playout\"}}", "{\"event\":\"dtmf\",\"dtmf\":\"5\"}"));
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad message").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.decode(binary(new byte[320]))).as("the next valid frame").singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
