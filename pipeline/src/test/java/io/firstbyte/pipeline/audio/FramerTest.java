package io.firstbyte.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class FramerTest {

    @Test
    void smallChunksAreHeldBackUntilTheyCompleteAFrame() {
        Framer framer = new Framer(AudioFormat.MULAW_8K);
        byte[] first = filled(100, 1);
        byte[] second = filled(100, 2);

        assertThat(framer.push(first)).isEmpty();
        List<byte[]> frames = framer.push(second);

        assertThat(frames).singleElement().isEqualTo(join(first, Arrays.copyOf(second, 60)));
        assertThat(framer.pendingBytes()).isEqualTo(40);
    }

    @Test
    void largeChunkGivesEveryWholeFrameItHoldsAndKeepsTheRest() {
        Framer framer = new Framer(AudioFormat.PCM16_16K);
        byte[] chunk = counting(2000);

        List<byte[]> frames = framer.push(chunk);

        assertThat(frames).hasSize(3).allSatisfy(frame -> assertThat(frame).hasSize(640));
        assertThat(frames.get(2)).isEqualTo(Arrays.copyOfRange(chunk, 1280, 1920));
        assertThat(framer.pendingBytes()).isEqualTo(80);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MULAW, -1", "ALAW, -43", "PCM16LE, 0"})
    void flushPadsTheLastPartialFrameWithTheEncodingsSilence(AudioEncoding encoding, byte silence) {
        Framer framer = new Framer(new AudioFormat(encoding, 8000));
        framer.push(filled(10, 7));

        byte[] last = framer.flush().orElseThrow();

        assertThat(last).hasSize(160 * encoding.bytesPerSample()).startsWith(filled(10, 7));
        assertThat(Arrays.copyOfRange(last, 10, last.length)).containsOnly(silence);
        assertThat(framer.pendingBytes()).isZero();
    }

    @Test
    void flushWithNothingHeldBackGivesNothing() {
        Framer framer = new Framer(AudioFormat.PCM16_8K);
        framer.push(new byte[320]);

        assertThat(framer.flush()).isEmpty();
    }

    @Test
    void framesOperatorFramesEachSubscriptionFromScratch() {
        Flux<byte[]> frames = Framer.frames(Flux.just(counting(500), counting(500)), AudioFormat.PCM16_24K);

        for (int subscription = 0; subscription < 2; subscription++) {
            StepVerifier.create(frames)
                    .assertNext(frame -> assertThat(frame).hasSize(960).startsWith(counting(500)))
                    .assertNext(frame -> assertThat(frame).hasSize(960).startsWith(Arrays.copyOfRange(counting(500), 460, 500)))
                    .verifyComplete();
        }
    }

    static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        return bytes;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static byte[] join(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
