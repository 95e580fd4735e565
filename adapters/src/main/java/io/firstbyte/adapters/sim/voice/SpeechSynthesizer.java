package io.firstbyte.adapters.sim.voice;

import java.util.Locale;

/**
 * Speech-like audio for a line of text, made the way a vocal tract makes it: a glottal pulse
 * train whose pitch glides between about 120 and 210 Hz, shaped by three formant resonators that
 * move to a new vowel every syllable (about four a second, vowels taken from the text), under a
 * syllable envelope. It is not intelligible, but it is voiced, varied and loud enough for any
 * voice activity detector, so simulated calls exercise barge-in and pacing like real ones.
 * Length: 65 ms per character, at least 300 ms. Deterministic for a given text; renders lazily,
 * chunk by chunk. Not thread-safe.
 *
 * <p>Text that follows in the same utterance ({@link #continuing}) goes on in the same voice: pitch
 * glide, syllable rhythm, formants and glottal phase carry on, with no fade in between, so the first
 * words of an answer sent ahead of the rest do not sound like a sentence of their own. A piece fades
 * out only where a sentence ends, and only such a piece lets its pitch fall.
 */
public final class SpeechSynthesizer {

    public static final int SAMPLE_RATE = 8000;
    private static final int MILLIS_PER_CHARACTER = 65;
    private static final int MIN_MILLIS = 300;
    private static final double SYLLABLES_PER_SECOND = 4;
    private static final double MELODY_HZ = 0.7;
    private static final double MELODY_STEP = 2 * Math.PI * MELODY_HZ / SAMPLE_RATE;
    private static final double SYLLABLE_STEP = 2 * Math.PI * SYLLABLES_PER_SECOND / SAMPLE_RATE;
    private static final double MELODY_STEP_SIN = Math.sin(MELODY_STEP);
    private static final double MELODY_STEP_COS = Math.cos(MELODY_STEP);
    private static final double SYLLABLE_STEP_SIN = Math.sin(SYLLABLE_STEP);
    private static final double SYLLABLE_STEP_COS = Math.cos(SYLLABLE_STEP);
    private static final int FADE_SAMPLES = 160;
    private static final int RETUNE_EVERY = 40;
    private static final double LOUDNESS = 180_000;
    /** F1 and F2 of the vowels a, e, i, o, u (adult speaker, Hz). */
    private static final double[][] VOWELS = {{730, 1090}, {530, 1840}, {300, 2200}, {570, 840}, {440, 1020}};

    private final String vowels;
    private final int totalSamples;
    private final double pitchPhaseOffset;
    private final Resonator first;
    private final Resonator second;
    private final Resonator third;
    private final int startSample;
    private final boolean fadesIn;
    private final boolean endsSentence;
    private double f1 = 500;
    private double f2 = 1500;
    private double glottalPhase;
    private double previousPulse;
    private int position;
    // The melody's and the syllable rhythm's sine and cosine at the current sample, turned on by one rotation per
    // sample (a few multiplications where sin, cos and pow per sample took most of a simulated call's voice), and
    // set exactly again at every retune so that rounding cannot drift.
    private double melodySin;
    private double melodyCos;
    private double syllableSin;
    private double syllableCos;

    public SpeechSynthesizer(String text) {
        this(text, (text.hashCode() & 0xFFFF) / 65536.0 * 2 * Math.PI, new Resonator(500, 80, SAMPLE_RATE),
                new Resonator(1500, 110, SAMPLE_RATE), new Resonator(2500, 160, SAMPLE_RATE), 0, true);
    }

    private SpeechSynthesizer(String text, double pitchPhaseOffset, Resonator first, Resonator second, Resonator third,
                              int startSample, boolean fadesIn) {
        this.vowels = text.toLowerCase(Locale.ROOT).replaceAll("[^aeiou]", "");
        this.totalSamples = lengthInSamples(text);
        this.pitchPhaseOffset = pitchPhaseOffset;
        this.first = first;
        this.second = second;
        this.third = third;
        this.startSample = startSample;
        this.fadesIn = fadesIn;
        String trimmed = text.strip();
        this.endsSentence = trimmed.isEmpty() || ".!?".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
    }

    /** The voice saying {@code text} right after this piece, in the same breath (call once this one is finished). */
    public SpeechSynthesizer continuing(String text) {
        SpeechSynthesizer next = new SpeechSynthesizer(text, pitchPhaseOffset, first, second, third,
                startSample + totalSamples, false);
        next.f1 = f1;
        next.f2 = f2;
        next.glottalPhase = glottalPhase;
        next.previousPulse = previousPulse;
        return next;
    }

    /** How many samples {@code text} takes to say. */
    public static int lengthInSamples(String text) {
        return Math.max(MIN_MILLIS, text.length() * MILLIS_PER_CHARACTER) * SAMPLE_RATE / 1000;
    }

    public int totalSamples() {
        return totalSamples;
    }

    public boolean finished() {
        return position >= totalSamples;
    }

    /** The next at most {@code count} samples (an empty array once finished). */
    public short[] next(int count) {
        short[] out = new short[Math.min(count, totalSamples - position)];
        for (int i = 0; i < out.length; i++, position++) {
            out[i] = (short) Math.clamp(Math.round(sample(position)), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return out;
    }

    private double sample(int n) {
        int at = startSample + n;
        if (n == 0 || at % RETUNE_EVERY == 0) {
            double seconds = (double) at / SAMPLE_RATE;
            if (at % RETUNE_EVERY == 0) {
                retune((int) (seconds * SYLLABLES_PER_SECOND));
            }
            double melody = 2 * Math.PI * MELODY_HZ * seconds + pitchPhaseOffset;
            double syllable = 2 * Math.PI * SYLLABLES_PER_SECOND * seconds;
            melodySin = Math.sin(melody);
            melodyCos = Math.cos(melody);
            syllableSin = Math.sin(syllable);
            syllableCos = Math.cos(syllable);
        }
        glottalPhase += pitchHz() / SAMPLE_RATE;
        glottalPhase -= Math.floor(glottalPhase);
        double pulse = glottalPulse(glottalPhase);
        double excitation = pulse - previousPulse; // lip radiation: a first difference
        previousPulse = pulse;
        double voiced = first.filter(excitation) + 0.6 * second.filter(excitation) + 0.3 * third.filter(excitation);
        double value = LOUDNESS * voiced * syllableEnvelope() * edgeFade(n);
        advanceOneSample();
        return value;
    }

    /** A slow melodic glide, a small accent per syllable and a falling line over a sentence's last piece. */
    private double pitchHz() {
        double progress = endsSentence ? (double) position / totalSamples : 0;
        return 170 + 30 * melodySin + 10 * syllableSin - 15 * progress;
    }

    private void advanceOneSample() {
        double sin = melodySin;
        melodySin = sin * MELODY_STEP_COS + melodyCos * MELODY_STEP_SIN;
        melodyCos = melodyCos * MELODY_STEP_COS - sin * MELODY_STEP_SIN;
        sin = syllableSin;
        syllableSin = sin * SYLLABLE_STEP_COS + syllableCos * SYLLABLE_STEP_SIN;
        syllableCos = syllableCos * SYLLABLE_STEP_COS - sin * SYLLABLE_STEP_SIN;
    }

    private void retune(int syllable) {
        int vowelIndex = vowels.isEmpty() ? syllable % VOWELS.length
                : "aeiou".indexOf(vowels.charAt(syllable % vowels.length()));
        double[] vowel = VOWELS[vowelIndex];
        f1 += (vowel[0] - f1) * 0.25;
        f2 += (vowel[1] - f2) * 0.25;
        first.tune(f1);
        second.tune(f2);
    }

    /** Rosenberg's glottal pulse: opening, closing, then a closed phase. */
    private static double glottalPulse(double phase) {
        if (phase < 0.4) {
            return 0.5 * (1 - Math.cos(Math.PI * phase / 0.4));
        }
        return phase < 0.56 ? Math.cos(Math.PI * (phase - 0.4) / 0.32) : 0;
    }

    /**
     * Loud in the syllable's nucleus, never silent between syllables (speech does not stop between them):
     * 0.3 + 0.7 sin²(π · syllables so far), and sin²(πx) is (1 - cos 2πx) / 2.
     */
    private double syllableEnvelope() {
        return 0.3 + 0.35 * (1 - syllableCos);
    }

    private double edgeFade(int n) {
        double in = fadesIn ? n : FADE_SAMPLES;
        double out = endsSentence ? totalSamples - 1 - n : FADE_SAMPLES;
        return Math.min(1, Math.min(in, out) / FADE_SAMPLES);
    }
}
