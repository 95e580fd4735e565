package io.firstbyte.bench.calls.caller;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Speech-like audio for a line of text: a voiced source (a falling pitch with harmonics shaped by
 * two vowel formants per syllable) under a syllable envelope, at about -20 dBFS RMS. Every 20 ms
 * frame stays well above an energy VAD's -40 dBFS, so a server hears one utterance per line.
 * A line lasts whole frames and fades out over its last {@link #FADE_OUT}, as a voice does: its
 * last frame is still voiced, the next is silent even after a 16 kHz gateway's resampling there and
 * back (which spreads a few milliseconds of audio into the next frame). Cut off at full level, a
 * line would sound 20 ms longer on a 16 kHz gateway than on an 8 kHz one.
 * The same text always gives the same audio.
 */
public final class SpeechSynth {

    public static final int SAMPLE_RATE = 8000;
    public static final double TARGET_DBFS = -20;
    private static final Duration PER_WORD = Duration.ofMillis(350);
    private static final Duration MINIMUM = Duration.ofMillis(800);
    private static final double SYLLABLE_SECONDS = 0.2;
    private static final double ENVELOPE_FLOOR = 0.3;
    static final Duration FADE_OUT = Duration.ofMillis(40);
    private static final long FRAME_MILLIS = 20;

    private SpeechSynth() {
    }

    /** About 0.35 s per word, at least 0.8 s, in whole 20 ms frames. */
    public static Duration durationOf(String text) {
        String trimmed = text.strip();
        int words = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        Duration spoken = PER_WORD.multipliedBy(words);
        long millis = Math.max(spoken.toMillis(), MINIMUM.toMillis());
        return Duration.ofMillis((millis + FRAME_MILLIS - 1) / FRAME_MILLIS * FRAME_MILLIS);
    }

    /** 16-bit samples at 8 kHz. */
    public static short[] speak(String text) {
        return speak(text, durationOf(text));
    }

    /** 16-bit samples at 8 kHz, {@code length} long (a short backchannel such as "mm-hm"). */
    public static short[] speak(String text, Duration duration) {
        int length = (int) (duration.toMillis() * SAMPLE_RATE / 1000);
        SplittableRandom random = new SplittableRandom(text.hashCode());
        double[] signal = voiced(length, random);
        short[] samples = normalized(signal, Math.pow(10, TARGET_DBFS / 20) * 32768);
        fadeOut(samples);
        return samples;
    }

    /** A raised-cosine release to silence over the last {@link #FADE_OUT}. */
    private static void fadeOut(short[] samples) {
        int fade = (int) Math.min(samples.length, FADE_OUT.toMillis() * SAMPLE_RATE / 1000);
        for (int i = 0; i < fade; i++) {
            double gain = 0.5 * (1 + Math.cos(Math.PI * (i + 1) / fade));
            int at = samples.length - fade + i;
            samples[at] = (short) Math.round(samples[at] * gain);
        }
    }

    private static double[] voiced(int length, SplittableRandom random) {
        double[] signal = new double[length];
        double basePitch = 105 + random.nextDouble(40);
        int syllableLength = (int) (SYLLABLE_SECONDS * SAMPLE_RATE);
        double[] phases = new double[40];
        for (int start = 0; start < length; start += syllableLength) {
            Syllable syllable = new Syllable(300 + random.nextDouble(500), 900 + random.nextDouble(1300));
            for (int i = start; i < Math.min(length, start + syllableLength); i++) {
                double pitch = basePitch * (1.1 - 0.2 * i / length);
                double envelope = ENVELOPE_FLOOR + (1 - ENVELOPE_FLOOR) * Math.sin(Math.PI * (i - start) / syllableLength);
                signal[i] = envelope * syllable.sample(pitch, phases);
            }
        }
        return signal;
    }

    private static short[] normalized(double[] signal, double targetRms) {
        double sum = 0;
        for (double s : signal) {
            sum += s * s;
        }
        double gain = targetRms / Math.sqrt(sum / signal.length);
        short[] samples = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[i] * gain)));
        }
        return samples;
    }

    /** One vowel: harmonics of the pitch, louder near the two formants, up to 3.6 kHz. */
    private record Syllable(double firstFormant, double secondFormant) {

        double sample(double pitch, double[] phases) {
            double value = 0;
            for (int harmonic = 1; harmonic <= phases.length && harmonic * pitch < 3600; harmonic++) {
                double frequency = harmonic * pitch;
                phases[harmonic - 1] += 2 * Math.PI * frequency / SAMPLE_RATE;
                double weight = (1 + 4 * resonance(frequency, firstFormant, 120)
                        + 2 * resonance(frequency, secondFormant, 180)) / harmonic;
                value += weight * Math.sin(phases[harmonic - 1]);
            }
            return value;
        }

        private static double resonance(double frequency, double centre, double width) {
            double offset = (frequency - centre) / width;
            return 1 / (1 + offset * offset);
        }
    }
}
