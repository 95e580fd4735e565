package io.firstbyte.pipeline.audio;

import java.time.Duration;

/**
 * Voice activity thresholds: a frame is voiced when its level reaches {@code thresholdDbfs};
 * speech starts after {@code minSpeech} of voiced audio and stops after {@code hangover} of
 * unvoiced audio.
 */
public record VadSettings(double thresholdDbfs, Duration minSpeech, Duration hangover) {

    public static final VadSettings DEFAULTS = new VadSettings(-40, Duration.ofMillis(60), Duration.ofMillis(300));

    public VadSettings {
        if (minSpeech.isNegative() || hangover.isNegative()) {
            throw new IllegalArgumentException("VAD durations must not be negative");
        }
    }
}
