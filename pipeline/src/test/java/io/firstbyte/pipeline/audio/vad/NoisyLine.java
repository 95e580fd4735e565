package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.event.AudioIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A caller's line built from the fixtures that {@code make-fixtures.sh} wrote: espeak-ng sentences
 * and sox noise (mu-law 8 kHz), scaled to chosen levels and mixed, cut into 20 ms mu-law frames as
 * a Twilio caller sends them. The true speech onset is the sentence's first non-silent sample.
 */
final class NoisyLine {

    static final int RATE = 8000;
    private static final int FRAME = RATE / 50;
    /** A sample this loud (-54 dBFS) is no longer the silence before a sentence. */
    private static final int AUDIBLE = 64;

    private final double[] samples;

    private NoisyLine(double[] samples) {
        this.samples = samples;
    }

    /** {@code seconds} of nothing but digital silence. */
    static NoisyLine silence(double seconds) {
        return new NoisyLine(new double[(int) Math.round(seconds * RATE)]);
    }

    /** {@code seconds} of a noise fixture ({@code pink}, {@code brown}, {@code tv}) at {@code dbfs} RMS, looped as needed. */
    static NoisyLine noise(String kind, double dbfs, double seconds) {
        double[] clip = scaled(load("noise-" + kind + ".ul"), dbfs);
        double[] out = new double[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip[i % clip.length];
        }
        return new NoisyLine(out);
    }

    /** Sentence {@code number} (1-4) with its active speech at {@code dbfs} RMS. */
    static Sentence sentence(int number, double dbfs) {
        double[] raw = load("speech-" + number + ".ul");
        int first = 0;
        while (Math.abs(raw[first]) < AUDIBLE) {
            first++;
        }
        int last = raw.length - 1;
        while (Math.abs(raw[last]) < AUDIBLE) {
            last--;
        }
        double gain = Math.pow(10, dbfs / 20) * 32768 / rms(raw, first, last + 1);
        double[] speech = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            speech[i] = raw[i] * gain;
        }
        return new Sentence(speech, first, last + 1);
    }

    /** A sentence's samples and where its speech begins and ends (sample indexes). */
    record Sentence(double[] samples, int onset, int end) {
    }

    /** This line with {@code other} added from {@code atSeconds} on (this line grows if needed). */
    NoisyLine mix(double[] other, double atSeconds) {
        int at = (int) Math.round(atSeconds * RATE);
        double[] out = java.util.Arrays.copyOf(samples, Math.max(samples.length, at + other.length));
        for (int i = 0; i < other.length; i++) {
            out[at + i] += other[i];
        }
        return new NoisyLine(out);
    }

    /** This line followed by {@code next}. */
    NoisyLine then(NoisyLine next) {
        double[] out = java.util.Arrays.copyOf(samples, samples.length + next.samples.length);
        System.arraycopy(next.samples, 0, out, samples.length, next.samples.length);
        return new NoisyLine(out);
    }

    /** The line as consecutive 20 ms mu-law frames from time zero. */
    List<AudioIn> frames() {
        List<AudioIn> frames = new ArrayList<>();
        for (int start = 0; start + FRAME <= samples.length; start += FRAME) {
            byte[] audio = new byte[FRAME];
            for (int i = 0; i < FRAME; i++) {
                long clipped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[start + i])));
                audio[i] = G711.linearToMulaw((int) clipped);
            }
            frames.add(new AudioIn(audio, AudioFormat.MULAW_8K, start * 1000L / RATE));
        }
        return frames;
    }

    static double millisOf(int sample) {
        return sample * 1000.0 / RATE;
    }

    private static double[] scaled(double[] samples, double dbfs) {
        double gain = Math.pow(10, dbfs / 20) * 32768 / rms(samples, 0, samples.length);
        double[] out = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] * gain;
        }
        return out;
    }

    private static double rms(double[] samples, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    private static double[] load(String name) {
        try (InputStream in = NoisyLine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + ": run make-fixtures.sh beside it");
            }
            byte[] codes = in.readAllBytes();
            double[] samples = new double[codes.length];
            for (int i = 0; i < codes.length; i++) {
                samples[i] = G711.mulawToLinear(codes[i]);
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
