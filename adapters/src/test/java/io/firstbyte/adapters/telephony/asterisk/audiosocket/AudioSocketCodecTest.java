package io.firstbyte.adapters.telephony.asterisk.audiosocket;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Asterisk AudioSocket, protocols.md 3.6, as a transport codec over TCP chunks. */
class AudioSocketCodecTest {

    private static final UUID CALL = UUID.fromString("40325ec2-5efd-4bd3-805f-53576e581d13");

    private final RecordingDrops drops = new RecordingDrops();
    private final AudioSocketCodec codec = new AudioSocketCodec(drops,
            call -> call.equals(CALL) ? Map.of("From", "+15550001111", "To", "+15550002222") : Map.of(),
            new AudioSocketFrameDecoder());

    private static WireMessage bytes(AudioSocketFrame... frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (AudioSocketFrame frame : frames) {
            bytes.writeBytes(frame.toBytes());
        }
        return new WireMessage.Binary(bytes.toByteArray());
    }

    private static AudioSocketFrame slin(byte[] audio) {
        return AudioSocketFrame.slin(audio);
    }

    @Nested
    class AsteriskToServer {

        @Test
        void theUuidStartsTheCallWithWhatTheDialPlanRegisteredForIt() {
            assertThat(codec.decode(bytes(AudioSocketFrame.uuid(CALL)))).containsExactly(new CallStarted(CALL.toString(),
                    CALL.toString(), Map.of("From", "+15550001111", "To", "+15550002222", "uuid", CALL.toString()),
                    AudioFormat.MULAW_8K));
        }

        @Test
        void anUnregisteredUuidStartsTheCallWithTheUuidOnly() {
            UUID other = UUID.randomUUID();

            assertThat(((CallStarted) codec.decode(bytes(AudioSocketFrame.uuid(other))).getFirst()).parameters())
                    .containsExactly(Map.entry("uuid", other.toString()));
        }

        @Test
        void aCallHandsOverOnlyWhenItsRegistrationSaysTheDialPlanAsksWhereItGoes() {
            UUID asking = UUID.randomUUID();
            AudioSocketCodec handingOver = new AudioSocketCodec(drops,
                    call -> call.equals(asking) ? Map.of("To", "+15550002222", "handOver", "true") : Map.of(),
                    new AudioSocketFrameDecoder());

            handingOver.decode(bytes(AudioSocketFrame.uuid(asking)));
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(handingOver.handsOver()).isTrue();
            assertThat(handingOver.encode(new EndCall("transfer", "+15550009999"))).singleElement()
                    .satisfies(message -> assertThat(((WireMessage.Binary) message).bytes()).containsExactly(0, 0, 0));
            assertThat(codec.handsOver()).isFalse();
        }

        @Test
        void slinFramesBecomeMulawFrames() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
            short[] tone = Tones.sine(440, 8000, 20);

            assertThat(codec.decode(bytes(slin(Pcm16.toLittleEndian(tone))))).singleElement()
                    .satisfies(e -> assertThat(((AudioIn) e).audio()).isEqualTo(G711.encodeMulaw(tone)));
        }

        @Test
        void slinAt16kIsResampledKeepingTheTonesPitch() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
            List<InboundEvent> events = new ArrayList<>();
            for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 500), 640)) {
                events.addAll(codec.decode(bytes(new AudioSocketFrame(AudioSocketKind.SLIN_16K.code(), frame))));
            }

            assertThat(events).hasSize(25);
            assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(1000, within(15.0));
        }

        @Test
        void dtmfYieldsTheDigit() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.decode(bytes(AudioSocketFrame.dtmf('#')))).containsExactly(new Dtmf("#"));
        }

        @Test
        void theHangUpFrameYieldsHangUp() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.decode(bytes(AudioSocketFrame.hangup()))).containsExactly(new HangUp("hangup"));
        }

        @Test
        void errorCallerHungUpYieldsHangUp() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.decode(bytes(AudioSocketFrame.error(0x01)))).containsExactly(new HangUp("caller hung up"));
        }

        @Test
        void otherErrorsAreCountedAndTheCallGoesOn() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.decode(bytes(AudioSocketFrame.error(0x02), slin(new byte[320])))).singleElement()
                    .isInstanceOf(AudioIn.class);
            assertThat(drops.kinds()).containsExactly("gateway_error");
        }

        @Test
        void aWholeCallSplitAtEveryPointDecodesToTheSameEvents() {
            byte[] call = ((WireMessage.Binary) bytes(AudioSocketFrame.uuid(CALL), slin(new byte[320]),
                    AudioSocketFrame.dtmf('1'), slin(new byte[320]), AudioSocketFrame.hangup())).bytes();
            for (int split = 0; split <= call.length; split++) {
                AudioSocketCodec fresh = new AudioSocketCodec(drops);
                List<InboundEvent> events = new ArrayList<>(fresh.decode(new WireMessage.Binary(Arrays.copyOf(call, split))));
                events.addAll(fresh.decode(new WireMessage.Binary(Arrays.copyOfRange(call, split, call.length))));

                assertThat(events).as("split at byte %d", split).extracting(e -> e.getClass().getSimpleName())
                        .containsExactly("CallStarted", "AudioIn", "Dtmf", "AudioIn", "HangUp");
            }
            assertThat(drops.kinds()).isEmpty();
        }
    }

    @Nested
    class ServerToAsterisk {

        @Test
        void nothingIsSentBeforeTheUuid() {
            assertThat(List.of(new AudioOut(new byte[160], AudioFormat.MULAW_8K), new MarkSent("m"), new Interruption(0),
                    new EndCall("bye"))).allSatisfy(event -> assertThat(codec.encode(event)).isEmpty());
        }

        @Test
        void audioIsSentAsSlinFramesOf320Bytes() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
            byte[] mulaw = Tones.sineMulaw(440, 20);

            assertThat(codec.encode(new AudioOut(mulaw, AudioFormat.MULAW_8K))).singleElement().satisfies(message ->
                    assertThat(new AudioSocketFrameDecoder().push(((WireMessage.Binary) message).bytes()))
                            .containsExactly(slin(Pcm16.toLittleEndian(G711.decodeMulaw(mulaw)))));
        }

        @Test
        void audioOfSeveralFramesIsOneWriteOfSeveralFrames() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            byte[] sent = ((WireMessage.Binary) codec.encode(new AudioOut(new byte[480], AudioFormat.MULAW_8K)).getFirst()).bytes();

            assertThat(new AudioSocketFrameDecoder().push(sent)).hasSize(3)
                    .allSatisfy(frame -> assertThat(frame.payload()).hasSize(320));
        }

        @Test
        void endCallIsSentAsTheHangUpFrame() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.encode(new EndCall("bye"))).singleElement()
                    .satisfies(message -> assertThat(((WireMessage.Binary) message).bytes()).containsExactly(0, 0, 0));
        }

        @Test
        void interruptionWritesNothingBecauseTheProtocolHasNoClear() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));

            assertThat(codec.encode(new Interruption(0))).isEmpty();
        }

        @Test
        void marksPlayWhenTheCallerAudioClockPassesTheAudioSentBeforeThem() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
            codec.encode(new AudioOut(new byte[320], AudioFormat.MULAW_8K));
            codec.encode(new MarkSent("a1-c0"));

            assertThat(codec.decode(bytes(slin(new byte[320])))).noneMatch(MarkPlayed.class::isInstance);
            assertThat(codec.decode(bytes(slin(new byte[320])))).last().isEqualTo(new MarkPlayed("a1-c0"));
        }

        @Test
        void marksOfAnInterruptedAnswerNeverPlay() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
            codec.encode(new AudioOut(new byte[320], AudioFormat.MULAW_8K));
            codec.encode(new MarkSent("a1-c0"));
            codec.encode(new Interruption(0));

            assertThat(codec.decode(bytes(slin(new byte[3200])))).noneMatch(MarkPlayed.class::isInstance);
        }
    }

    @Nested
    class BadInput {

        @BeforeEach
        void callHasStarted() {
            codec.decode(bytes(AudioSocketFrame.uuid(CALL)));
        }

        @Test
        void aGarbageLengthDisconnectsThisCallOnly() {
            AudioSocketCodec neighbour = new AudioSocketCodec(new RecordingDrops());
            neighbour.decode(bytes(AudioSocketFrame.uuid(UUID.randomUUID())));

            List<InboundEvent> events = codec.decode(new WireMessage.Binary(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, 1, 2}));

            assertThat(events).containsExactly(new HangUp("protocol error"));
            assertThat(drops.kinds()).containsExactly("protocol_error");
            assertThat(codec.mustDisconnect()).isTrue();
            assertThat(codec.decode(bytes(slin(new byte[320])))).as("nothing more is read").isEmpty();
            assertThat(neighbour.mustDisconnect()).isFalse();
            assertThat(neighbour.decode(bytes(slin(new byte[320])))).singleElement().isInstanceOf(AudioIn.class);
        }

        @Test
        void framesBeforeTheGarbageInTheSameChunkStillCount() {
            byte[] good = AudioSocketFrame.dtmf('3').toBytes();
            byte[] chunk = Arrays.copyOf(good, good.length + 3);
            chunk[good.length] = 0x10;
            chunk[good.length + 1] = (byte) 0xF0;

            assertThat(codec.decode(new WireMessage.Binary(chunk))).containsExactly(new Dtmf("3"), new HangUp("protocol error"));
        }

        @Test
        void garbageBeforeTheUuidDisconnectsWithoutAHangUpEvent() {
            AudioSocketCodec fresh = new AudioSocketCodec(drops);

            assertThat(fresh.decode(new WireMessage.Binary("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))))
                    .isEmpty();
            assertThat(fresh.mustDisconnect()).isTrue();
        }

        @Test
        void audioBeforeTheUuidIsDroppedAndCounted() {
            AudioSocketCodec fresh = new AudioSocketCodec(drops);

            assertThat(fresh.decode(bytes(slin(new byte[320])))).isEmpty();
            assertThat(drops.kinds()).containsExactly("media_before_start");
        }

        @Test
        void aSecondUuidIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(bytes(AudioSocketFrame.uuid(UUID.randomUUID())), "second_start");
        }

        @Test
        void aUuidThatIsNot16BytesIsMalformed() {
            AudioSocketCodec fresh = new AudioSocketCodec(drops);

            assertThat(fresh.decode(bytes(new AudioSocketFrame(AudioSocketKind.UUID.code(), new byte[15])))).isEmpty();
            assertThat(drops.kinds()).containsExactly("malformed_frame");
        }

        @Test
        void aDtmfThatIsNotOneByteIsMalformed() {
            assertDroppedAndCallGoesOn(bytes(new AudioSocketFrame(AudioSocketKind.DTMF.code(), new byte[2])), "malformed_frame");
        }

        @Test
        void anUnknownKindIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(bytes(new AudioSocketFrame(0x42, new byte[4])), "unknown_event");
        }

        @Test
        void halfASampleIsAPartialFrame() {
            assertDroppedAndCallGoesOn(bytes(slin(new byte[321])), "partial_frame");
        }

        @Test
        void slinAt44kIsUnsupported() {
            assertDroppedAndCallGoesOn(bytes(new AudioSocketFrame(AudioSocketKind.SLIN_44K.code(), new byte[1764])),
                    "unsupported_audio_format");
        }

        @Test
        void aTextFrameIsDroppedAndCounted() {
            assertDroppedAndCallGoesOn(new WireMessage.Text("hello"), "text_frame");
        }

        @Test
        void randomBytesNeverThrow() {
            new CodecFuzz(AudioSocketCodec::new, started -> started.decode(bytes(AudioSocketFrame.uuid(CALL))))
                    .randomBytesNeverThrow();
        }

        private void assertDroppedAndCallGoesOn(WireMessage bad, String kind) {
            assertThat(codec.decode(bad)).as("events from the bad frame").isEmpty();
            assertThat(drops.kinds()).containsExactly(kind);
            assertThat(codec.mustDisconnect()).isFalse();
            assertThat(codec.decode(bytes(slin(new byte[320])))).as("the next valid frame").singleElement().isInstanceOf(AudioIn.class);
        }
    }
}
