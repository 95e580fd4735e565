package io.firstbyte.pipeline.audio;

import static io.firstbyte.pipeline.audio.Tones.decibels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler keeps in-band tones intact and adds nothing else. Bounds: its filter is designed
 * for 70 dB stopband attenuation, and the tests demand 60 dB. That is far below what a caller can
 * hear through the telephone codec: G.711's own quantization noise sits only about 38 dB under the
 * signal, so an alias 60 dB down is buried 20 dB under the codec's noise, while a missing or weak
 * filter (naive decimation, linear interpolation) leaves aliases within 0 to 20 dB of the tone.
 */
class ResamplerTest {

    private static final double AMPLITUDE = 16384;
    private static final double REQUIRED_REJECTION_DB = -60;

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000,16000", "8000,24000", "16000,24000", "16000,8000", "24000,8000", "24000,16000"})
    void oneKilohertzToneKeepsItsFrequencyAndAmplitude(int from, int to) {
        short[] out = Resampler.of(from, to).process(Tones.sine(1000, AMPLITUDE, from, from));
        int settled = to / 50;
        assertThat(Tones.frequencyByZeroCrossings(out, settled, to)).isCloseTo(1000, within(0.5));
        assertThat(decibels(Tones.amplitudeAt(out, settled, 1000, to) / AMPLITUDE)).isCloseTo(0, within(0.05));
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000,16000", "8000,24000", "16000,24000", "16000,8000", "24000,8000", "24000,16000"})
    void toneAtTheTopOfTheTelephoneBandPassesWithoutImagesOrAliases(int from, int to) {
        short[] out = Resampler.of(from, to).process(Tones.sine(3300, AMPLITUDE, from, from));
        int settled = to / 50;
        assertThat(decibels(Tones.amplitudeAt(out, settled, 3300, to) / AMPLITUDE)).isCloseTo(0, within(0.1));
        double toneRms = AMPLITUDE / Math.sqrt(2);
        assertThat(decibels(Tones.residualRms(out, settled, 3300, to) / toneRms)).isLessThan(REQUIRED_REJECTION_DB);
    }

    /** 4.5 kHz would fold onto 3.5 kHz at 8 kHz; 3.5 kHz itself is in band there and is kept. */
    @ParameterizedTest(name = "{2} Hz, {0} -> {1} Hz")
    @CsvSource({"16000,8000,4500", "16000,8000,6000", "16000,8000,7900", "24000,8000,4500", "24000,8000,9000",
        "24000,8000,11900", "24000,16000,8500", "24000,16000,11900"})
    void toneAboveTheNewNyquistFrequencyIsRemovedNotFoldedBack(int from, int to, int frequency) {
        short[] in = Tones.sine(frequency, AMPLITUDE, from, from);
        short[] out = Resampler.of(from, to).process(in);
        assertThat(decibels(Tones.rms(out, to / 50) / Tones.rms(in, 0))).isLessThan(REQUIRED_REJECTION_DB);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000,16000", "8000,24000", "16000,24000", "16000,8000", "24000,8000", "24000,16000"})
    void twentyMillisecondFramesGiveTwentyMillisecondFramesIdenticalToTheWholeBuffer(int from, int to) {
        short[] in = speechLike(from, from);
        short[] whole = Resampler.of(from, to).process(in);
        Resampler streaming = Resampler.of(from, to);
        short[] framed = new short[0];
        for (int start = 0; start < in.length; start += from / 50) {
            short[] frame = streaming.process(Arrays.copyOfRange(in, start, start + from / 50));
            assertThat(frame).hasSize(to / 50);
            framed = concat(framed, frame);
        }
        assertThat(framed).isEqualTo(whole);
    }

    @Test
    void fullScaleSquareWaveClipsInsteadOfWrappingAround() {
        short[] square = new short[8000];
        for (int n = 0; n < square.length; n++) {
            square[n] = n % 8 < 4 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = Resampler.of(8000, 16000).process(square);
        assertThat(Tones.frequencyByZeroCrossings(out, 320, 16000)).isCloseTo(1000, within(0.5));
    }

    @Test
    void sameRatePassesSamplesThroughUnchanged() {
        short[] in = speechLike(16000, 320);
        assertThat(Resampler.of(16000, 16000).process(in)).isEqualTo(in);
    }

    @Test
    void ratioWithLargeTermsIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Resampler.of(44100, 8000));
    }

    static short[] speechLike(int sampleRate, int samples) {
        Random random = new Random(42);
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            double t = (double) n / sampleRate;
            double voice = 6000 * Math.sin(2 * Math.PI * 220 * t) + 4000 * Math.sin(2 * Math.PI * 1250 * t)
                    + 2500 * Math.sin(2 * Math.PI * 3100 * t);
            out[n] = (short) Math.round(voice + 1500 * random.nextGaussian());
        }
        return out;
    }

    static short[] concat(short[] first, short[] second) {
        short[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
