package io.firstbyte.bench.calls.caller;

import io.firstbyte.pipeline.audio.G711;
import java.util.SplittableRandom;

/**
 * Steady background noise on the caller's line, as from a television or a fan in the room: pink
 * noise at a chosen RMS level under everything the caller sends, between the lines and beneath
 * them. Ten seconds of it, made once from a fixed seed and looped; shared by every call and never
 * modified. {@link #NONE} leaves the caller's frames as they are (digital silence between lines).
 */
public final class BackgroundNoise {

    public static final BackgroundNoise NONE = new BackgroundNoise(new short[0], Double.NaN);
    private static final int LOOP_SAMPLES = 10 * SpeechSynth.SAMPLE_RATE;

    private final short[] loop;
    private final double dbfs;

    private BackgroundNoise(short[] loop, double dbfs) {
        this.loop = loop;
        this.dbfs = dbfs;
    }

    /** Pink noise (equal energy per octave, the usual model of room and appliance noise) at {@code dbfs} RMS. */
    public static BackgroundNoise pink(double dbfs) {
        if (dbfs > -3) {
            throw new IllegalArgumentException("background noise must be quieter than -3 dBFS, got " + dbfs);
        }
        double[] noise = pinkNoise(LOOP_SAMPLES, new SplittableRandom(20_25));
        double sum = 0;
        for (double value : noise) {
            sum += value * value;
        }
        double gain = Math.pow(10, dbfs / 20) * 32768 / Math.sqrt(sum / noise.length);
        short[] loop = new short[noise.length];
        for (int i = 0; i < noise.length; i++) {
            loop[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(noise[i] * gain)));
        }
        return new BackgroundNoise(loop, dbfs);
    }

    public boolean silent() {
        return loop.length == 0;
    }

    /** The RMS level in dBFS; NaN for {@link #NONE}. */
    public double dbfs() {
        return dbfs;
    }

    /**
     * The caller's {@code frameIndex}-th 20 ms mu-law frame with the noise added under it; the frame
     * itself when there is no noise. Never modifies {@code frame}.
     */
    public byte[] under(byte[] frame, long frameIndex) {
        if (silent()) {
            return frame;
        }
        byte[] mixed = new byte[frame.length];
        int at = (int) ((frameIndex * frame.length) % loop.length);
        for (int i = 0; i < frame.length; i++) {
            int sum = G711.mulawToLinear(frame[i]) + loop[(at + i) % loop.length];
            mixed[i] = G711.linearToMulaw(Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
        }
        return mixed;
    }

    /** Paul Kellet's economy filter: white noise through three first-order sections gives a -3 dB/octave slope. */
    private static double[] pinkNoise(int length, SplittableRandom random) {
        double[] out = new double[length];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < length; i++) {
            double white = random.nextDouble(-1, 1);
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            out[i] = b0 + b1 + b2 + white * 0.1848;
        }
        return out;
    }
}
