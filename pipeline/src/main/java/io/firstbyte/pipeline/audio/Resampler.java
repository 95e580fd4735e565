package io.firstbyte.pipeline.audio;

import java.util.Arrays;

/**
 * Converts a stream of mono 16-bit PCM between sample rates whose ratio is a small fraction
 * {@code up/down} (every pair of 8, 16, 24 and 48 kHz). It is a polyphase windowed-sinc FIR:
 * conceptually upsample by {@code up}, low-pass, keep every {@code down}-th sample, computed
 * without the zeros and the discarded samples.
 *
 * <p>The low-pass passes 0 to 85% of the lower rate's Nyquist frequency and attenuates
 * everything from that Nyquist frequency up by at least 70 dB, so nothing
 * folds back when downsampling and no images appear when upsampling. The filter's history is
 * kept between calls: feeding a stream frame by frame gives exactly the samples that feeding it
 * whole would, so frame boundaries cannot click. After {@code n} input samples in total the
 * output holds {@code ceil(n * up / down)} samples; a 20 ms frame in gives a 20 ms frame out.
 * The output lags the input by half the filter, under 4 ms.
 *
 * <p>One instance per stream; not thread-safe. Cost: at most about 1.4 million multiply-adds per
 * second of audio, in any direction.
 */
public final class Resampler {

    static final double STOPBAND_DB = 70;
    private static final double PASSBAND_EDGE = 0.85;
    private static final int MAX_RATIO_TERM = 6;

    private final int inputRate;
    private final int outputRate;
    private final int up;
    private final int down;
    private final double[][] phases;
    private final short[] history;
    /** Where the next output sample falls, in upsampled samples after the current input's start. */
    private long nextOutput;

    private Resampler(int inputRate, int outputRate) {
        int gcd = gcd(inputRate, outputRate);
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;
        this.phases = up == down ? new double[1][1] : polyphase(prototype(), up);
        this.history = new short[phases[0].length - 1];
    }

    /** A resampler for one stream from {@code inputRate} to {@code outputRate} Hz. */
    public static Resampler of(int inputRate, int outputRate) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive");
        }
        int gcd = gcd(inputRate, outputRate);
        if (inputRate / gcd > MAX_RATIO_TERM || outputRate / gcd > MAX_RATIO_TERM) {
            throw new IllegalArgumentException("unsupported ratio " + inputRate + " -> " + outputRate + " Hz");
        }
        return new Resampler(inputRate, outputRate);
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Resamples the next samples of the stream; returns the output they complete. */
    public short[] process(short[] in) {
        if (up == down) {
            return in.clone();
        }
        short[] work = withHistory(in);
        short[] out = new short[outputCount(in.length)];
        for (int i = 0; i < out.length; i++) {
            int newest = (int) (nextOutput / up) + history.length;
            out[i] = toSample(convolve(phases[(int) (nextOutput % up)], work, newest));
            nextOutput += down;
        }
        nextOutput -= (long) in.length * up;
        System.arraycopy(work, work.length - history.length, history, 0, history.length);
        return out;
    }

    private int outputCount(int inputs) {
        long available = (long) inputs * up - nextOutput;
        return available <= 0 ? 0 : (int) ((available + down - 1) / down);
    }

    private short[] withHistory(short[] in) {
        short[] work = Arrays.copyOf(history, history.length + in.length);
        System.arraycopy(in, 0, work, history.length, in.length);
        return work;
    }

    private static double convolve(double[] taps, short[] work, int newest) {
        double sum = 0;
        for (int j = 0; j < taps.length; j++) {
            sum += taps[j] * work[newest - j];
        }
        return sum;
    }

    private static short toSample(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }

    /** The low-pass at the upsampled rate, placed relative to the lower of the two Nyquist frequencies. */
    private double[] prototype() {
        double upsampledRate = (double) inputRate * up;
        double nyquist = Math.min(inputRate, outputRate) / 2.0;
        double cutoff = (1 + PASSBAND_EDGE) / 2 * nyquist / upsampledRate;
        double transition = (1 - PASSBAND_EDGE) * nyquist / upsampledRate;
        return KaiserLowPass.design(cutoff, transition, STOPBAND_DB);
    }

    /** Splits the prototype into {@code up} sub-filters, each scaled to unit gain at DC. */
    private static double[][] polyphase(double[] prototype, int up) {
        int tapsPerPhase = (prototype.length + up - 1) / up;
        double[][] phases = new double[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            double sum = 0;
            for (int j = 0; j < tapsPerPhase && p + j * up < prototype.length; j++) {
                phases[p][j] = prototype[p + j * up];
                sum += phases[p][j];
            }
            for (int j = 0; j < tapsPerPhase; j++) {
                phases[p][j] /= sum;
            }
        }
        return phases;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
