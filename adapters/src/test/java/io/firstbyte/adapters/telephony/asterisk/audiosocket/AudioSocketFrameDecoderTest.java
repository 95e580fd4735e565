package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The AudioSocket byte stream, protocols.md 3.6: type, big-endian length, payload, split anywhere by TCP. */
class AudioSocketFrameDecoderTest {

    private static final UUID CALL = UUID.fromString("40325ec2-5efd-4bd3-805f-53576e581d13");

    private static List<AudioSocketFrame> aCall() {
        byte[] audio = new byte[320];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) i;
        }
        return List.of(AudioSocketFrame.uuid(CALL), AudioSocketFrame.slin(audio), AudioSocketFrame.dtmf('5'),
                AudioSocketFrame.slin(Arrays.copyOf(audio, 160)), AudioSocketFrame.error(0x02), AudioSocketFrame.hangup());
    }

    private static byte[] wire(List<AudioSocketFrame> frames) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frames.forEach(frame -> bytes.writeBytes(frame.toBytes()));
        return bytes.toByteArray();
    }

    @Test
    void theUuidFrameIsKindOneLength16AndTheUuidsBytes() {
        byte[] bytes = AudioSocketFrame.uuid(CALL).toBytes();

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0x01, 0x00, 0x10);
        assertThat(bytes).hasSize(19);
        assertThat(bytes[3]).isEqualTo((byte) 0x40);
        assertThat(bytes[18]).isEqualTo((byte) 0x13);
    }

    @Test
    void theHangUpFrameIsThreeZeroBytes() {
        assertThat(AudioSocketFrame.hangup().toBytes()).containsExactly(0, 0, 0);
    }

    @Test
    void theLengthIsBigEndian() {
        byte[] bytes = AudioSocketFrame.slin(new byte[320]).toBytes();

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0x10, 0x01, 0x40);
    }

    @Test
    void aWholeStreamInOneChunkDecodesEveryFrame() {
        assertThat(new AudioSocketFrameDecoder().push(wire(aCall()))).containsExactlyElementsOf(aCall());
    }

    @Test
    void aStreamSplitInTwoAtEveryPointDecodesTheSameFrames() {
        byte[] stream = wire(aCall());
        for (int split = 0; split <= stream.length; split++) {
            AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
            List<AudioSocketFrame> frames = new ArrayList<>(decoder.push(Arrays.copyOfRange(stream, 0, split)));
            frames.addAll(decoder.push(Arrays.copyOfRange(stream, split, stream.length)));

            assertThat(frames).as("split at byte %d", split).containsExactlyElementsOf(aCall());
            assertThat(decoder.pendingBytes()).isZero();
        }
    }

    @Test
    void aStreamArrivingOneByteAtATimeDecodesTheSameFrames() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
        List<AudioSocketFrame> frames = new ArrayList<>();
        for (byte b : wire(aCall())) {
            frames.addAll(decoder.push(new byte[] {b}));
        }

        assertThat(frames).containsExactlyElementsOf(aCall());
    }

    @Test
    void aStreamInRandomChunksDecodesTheSameFrames() {
        Random random = new Random(36);
        byte[] stream = wire(aCall());
        for (int round = 0; round < 200; round++) {
            AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
            List<AudioSocketFrame> frames = new ArrayList<>();
            int offset = 0;
            while (offset < stream.length) {
                int end = Math.min(stream.length, offset + random.nextInt(40));
                frames.addAll(decoder.push(Arrays.copyOfRange(stream, offset, end)));
                offset = end;
            }
            assertThat(frames).containsExactlyElementsOf(aCall());
        }
    }

    @Test
    void anIncompleteFrameIsHeldUntilItsLastByte() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
        byte[] frame = AudioSocketFrame.slin(new byte[320]).toBytes();

        assertThat(decoder.push(Arrays.copyOf(frame, 322))).isEmpty();
        assertThat(decoder.pendingBytes()).isEqualTo(322);
        assertThat(decoder.push(new byte[] {frame[322]})).hasSize(1);
    }

    @Test
    void aGarbageLengthIsAProtocolErrorThatKeepsTheFramesBeforeIt() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
        byte[] good = AudioSocketFrame.uuid(CALL).toBytes();
        byte[] stream = Arrays.copyOf(good, good.length + 3);
        stream[good.length] = 0x10;
        stream[good.length + 1] = (byte) 0xFF;
        stream[good.length + 2] = (byte) 0xFF;

        assertThatThrownBy(() -> decoder.push(stream)).isInstanceOfSatisfying(AudioSocketProtocolException.class,
                error -> assertThat(error.decodedBefore()).containsExactly(AudioSocketFrame.uuid(CALL)));
    }

    @Test
    void aGarbageLengthSplitAcrossChunksIsFoundAsSoonAsTheHeaderIsComplete() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();

        assertThat(decoder.push(new byte[] {0x10, 0x7F})).isEmpty();
        assertThatThrownBy(() -> decoder.push(new byte[] {0x00})).isInstanceOf(AudioSocketProtocolException.class);
    }

    @Test
    void afterAProtocolErrorTheDecoderStaysFailed() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder();
        assertThatThrownBy(() -> decoder.push(new byte[] {0x10, (byte) 0x90, 0x00})).isInstanceOf(AudioSocketProtocolException.class);

        assertThatThrownBy(() -> decoder.push(AudioSocketFrame.hangup().toBytes())).isInstanceOf(AudioSocketProtocolException.class);
    }

    @Test
    void aLengthAtTheLimitIsAccepted() {
        AudioSocketFrameDecoder decoder = new AudioSocketFrameDecoder(640);

        assertThat(decoder.push(AudioSocketFrame.slin(new byte[640]).toBytes())).hasSize(1);
        assertThatThrownBy(() -> decoder.push(AudioSocketFrame.slin(new byte[642]).toBytes()))
                .isInstanceOf(AudioSocketProtocolException.class).hasMessageContaining("642");
    }

    @Test
    void frameKindsThisVersionDoesNotKnowAreStillDelimited() {
        List<AudioSocketFrame> frames = new AudioSocketFrameDecoder()
                .push(wire(List.of(new AudioSocketFrame(0x42, new byte[] {1, 2}), AudioSocketFrame.hangup())));

        assertThat(frames).containsExactly(new AudioSocketFrame(0x42, new byte[] {1, 2}), AudioSocketFrame.hangup());
        assertThat(frames.getFirst().kind()).isEmpty();
    }
}
