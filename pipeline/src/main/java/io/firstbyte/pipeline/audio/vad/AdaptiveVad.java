package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import java.util.Optional;

/**
 * A voice activity detector that holds on a noisy line. Each frame is high-passed at 250 Hz (what
 * a phone line carries of speech starts near 300 Hz, while hum, rumble and brown noise live below)
 * and split into a low band (up to about a quarter of the sample rate) and a high band above it.
 * Each band tracks its own background ({@link NoiseFloor}); a frame is voiced when either band
 * stands {@link VadSettings#marginDb()} above its background (more if that background wanders) and
 * the whole frame reaches {@link VadSettings#thresholdDbfs()}. Steady noise — a television, a fan,
 * a car — becomes the background within {@link VadSettings#noiseWindow()} of starting (one false
 * start at most, when it switches on), while speech, whose syllables rise and fall several times a
 * second, is never steady enough to be learnt as background; fricatives stand out in the high band
 * even under loud low-frequency noise. Minimum speech and hangover then apply as in {@link EnergyVad}.
 * The first frame is taken as background: a caller who speaks from the very first frame is heard
 * from their first pause on. About a microsecond per 20 ms frame, no allocation per frame (beyond the
 * rare event); one instance per call, fed in order; not thread-safe.
 */
public final class AdaptiveVad implements VoiceActivityDetector {

    private static final double HIGH_PASS_HZ = 250;
    private static final double SILENCE_DB = -100;
    /**
     * Filter memory below this (a billionth of a billionth of one sample step) is set to zero. On
     * digital silence the high-pass's memory decays into subnormal doubles and, rounded there, never
     * reaches zero; arithmetic on subnormals takes a slow path in the CPU, which made every frame of
     * silence cost about twenty times a frame of speech.
     */
    private static final double FLUSH_BELOW = 1e-18;

    private final VadSettings settings;
    private final SpeechGate gate;
    private final NoiseFloor low;
    private final NoiseFloor high;
    private int filterRate = -1;
    private double b0;
    private double b1;
    private double b2;
    private double a1;
    private double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;
    private boolean lastVoiced;

    public AdaptiveVad(VadSettings settings) {
        this.settings = settings;
        this.gate = new SpeechGate(settings.minSpeech().toMillis(), settings.hangover().toMillis());
        this.low = new NoiseFloor(settings.noiseWindow().toMillis());
        this.high = new NoiseFloor(settings.noiseWindow().toMillis());
    }

    @Override
    public Optional<SpeechEvent> accept(AudioIn frame) {
        long duration = frame.durationMillis();
        lastVoiced = voiced(frame.audio(), frame.format().encoding(), frame.format().sampleRate(), duration);
        return gate.accept(lastVoiced, frame.timestampMillis(), duration);
    }

    @Override
    public boolean speaking() {
        return gate.speaking();
    }

    @Override
    public boolean lastFrameVoiced() {
        return lastVoiced;
    }

    @Override
    public long lastVoicedEndMillis() {
        return gate.lastVoicedEndMillis();
    }

    private boolean voiced(byte[] audio, AudioEncoding encoding, int sampleRate, long durationMillis) {
        int count = audio.length / encoding.bytesPerSample();
        if (count == 0) {
            return false;
        }
        filterFor(sampleRate);
        double whole = 0;
        double lowSum = 0;
        double highSum = 0;
        for (int i = 0; i < count; i++) {
            double x = sample(audio, i, encoding);
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            whole += x * x;
            lowSum += (y + y1) * (y + y1);
            highSum += (y - y1) * (y - y1);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
        }
        if (Math.abs(y1) < FLUSH_BELOW && Math.abs(y2) < FLUSH_BELOW) {
            y1 = 0;
            y2 = 0;
        }
        // The band sums hold (2y)^2: a quarter of that is the band's mean square.
        double lowDb = decibels(lowSum / 4 / count);
        double highDb = decibels(highSum / 4 / count);
        double excess = Math.max(low.excess(lowDb, settings.marginDb()), high.excess(highDb, settings.marginDb()));
        boolean background = excess <= 0;
        low.update(lowDb, background, durationMillis);
        high.update(highDb, background, durationMillis);
        return !background && decibels(whole / count) >= settings.thresholdDbfs();
    }

    private static double sample(byte[] audio, int i, AudioEncoding encoding) {
        return switch (encoding) {
            case MULAW -> G711.mulawToLinear(audio[i]);
            case ALAW -> G711.alawToLinear(audio[i]);
            case PCM16LE -> (short) ((audio[2 * i] & 0xFF) | (audio[2 * i + 1] << 8));
        };
    }

    /** The high-pass's memory, for tests: zero, or a normal (not subnormal) double. */
    double filterMemory() {
        return Math.max(Math.abs(y1), Math.abs(y2));
    }

    /** dBFS of a mean square, as {@link io.firstbyte.pipeline.audio.Pcm16#levelDbfs} has it: an RMS under one step is silence. */
    private static double decibels(double meanSquare) {
        return meanSquare < 1 ? SILENCE_DB : 10 * Math.log10(meanSquare / (32768.0 * 32768.0));
    }

    /** A second-order Butterworth high-pass (the audio cookbook's biquad), recomputed if the rate changes. */
    private void filterFor(int sampleRate) {
        if (sampleRate == filterRate) {
            return;
        }
        filterRate = sampleRate;
        double w = 2 * Math.PI * HIGH_PASS_HZ / sampleRate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / Math.sqrt(2);
        double a0 = 1 + alpha;
        b0 = (1 + cos) / 2 / a0;
        b1 = -(1 + cos) / a0;
        b2 = b0;
        a1 = -2 * cos / a0;
        a2 = (1 - alpha) / a0;
        x1 = x2 = y1 = y2 = 0;
    }
}
