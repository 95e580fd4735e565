package io.firstbyte.pipeline.turn;

/** The caller paused, or spoke again after a pause, on the caller-audio clock. */
public sealed interface CallerPause {

    /**
     * The caller has been silent for {@code silentMillis} (one of the lengths the {@link PauseDetector}
     * reports); {@code lastVoicedEndMillis} is where the silence began.
     */
    record Paused(long lastVoicedEndMillis, long silentMillis) implements CallerPause {
    }

    /** The caller speaks again after a pause, from {@code atMillis}. */
    record Resumed(long atMillis) implements CallerPause {
    }
}
