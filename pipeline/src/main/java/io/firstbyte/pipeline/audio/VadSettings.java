package io.firstbyte.pipeline.audio;

import java.time.Duration;

/**
 * Voice activity thresholds. Speech starts after {@code minSpeech} of voiced audio and stops
 * after {@code hangover} of unvoiced audio. Which frames are voiced depends on {@code mode}:
 * {@link Mode#ENERGY} takes every frame whose level reaches {@code thresholdDbfs};
 * {@link Mode#ADAPTIVE} also requires the frame to stand {@code marginDb} above the background
 * noise it tracks (its floor re-learnt within {@code noiseWindow}), so steady noise does not count;
 * there {@code thresholdDbfs} is the absolute floor below which nothing is speech.
 */
public record VadSettings(double thresholdDbfs, Duration minSpeech, Duration hangover, Mode mode, double marginDb,
                          Duration noiseWindow) {

    /** How frames are judged voiced. */
    public enum Mode { ENERGY, ADAPTIVE }

    public static final double DEFAULT_MARGIN_DB = 6;
    public static final Duration DEFAULT_NOISE_WINDOW = Duration.ofSeconds(2);
    public static final VadSettings DEFAULTS = new VadSettings(-40, Duration.ofMillis(60), Duration.ofMillis(300));

    public VadSettings {
        if (minSpeech.isNegative() || hangover.isNegative()) {
            throw new IllegalArgumentException("VAD durations must not be negative");
        }
        if (marginDb < 0) {
            throw new IllegalArgumentException("VAD margin must not be negative: " + marginDb);
        }
        if (noiseWindow.toMillis() < 100) {
            throw new IllegalArgumentException("VAD noise window must be at least 100 ms: " + noiseWindow);
        }
    }

    /** The adaptive detector with its default margin and noise window. */
    public VadSettings(double thresholdDbfs, Duration minSpeech, Duration hangover) {
        this(thresholdDbfs, minSpeech, hangover, Mode.ADAPTIVE, DEFAULT_MARGIN_DB, DEFAULT_NOISE_WINDOW);
    }

    public VadSettings withHangover(Duration newHangover) {
        return new VadSettings(thresholdDbfs, minSpeech, newHangover, mode, marginDb, noiseWindow);
    }

    public VadSettings withMode(Mode newMode) {
        return new VadSettings(thresholdDbfs, minSpeech, hangover, newMode, marginDb, noiseWindow);
    }
}
