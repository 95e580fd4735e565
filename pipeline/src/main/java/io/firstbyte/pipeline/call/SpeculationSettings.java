package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * Whether and when an answer may start before the caller's turn is confirmed. With {@code enabled},
 * once the caller has been silent for {@code pause} with a transcript in hand, the answer starts on
 * that transcript and is held until the turn ends; a transcript that reads complete (a closing full
 * stop, question or exclamation mark) starts it after {@code completePause} already. At most
 * {@code maxPerTurn} answers are started for one turn (a changed transcript or more speech discards one
 * and may start the next).
 */
public record SpeculationSettings(boolean enabled, Duration pause, Duration completePause, int maxPerTurn) {

    /**
     * 80 ms after an open transcript: longer than the 20-60 ms gaps between a caller's words, each of which
     * would otherwise start an answer on half a sentence; 20 ms (one silent frame) after a complete one.
     */
    public static final SpeculationSettings DEFAULTS = new SpeculationSettings(true, Duration.ofMillis(80),
            Duration.ofMillis(20), 3);
    public static final SpeculationSettings OFF = new SpeculationSettings(false, DEFAULTS.pause(), DEFAULTS.completePause(),
            DEFAULTS.maxPerTurn());

    public SpeculationSettings {
        if (pause.isNegative() || completePause.isNegative()) {
            throw new IllegalArgumentException("the speculation pauses must not be negative");
        }
        if (completePause.compareTo(pause) > 0) {
            throw new IllegalArgumentException("the pause after a complete transcript (" + completePause
                    + ") must not be longer than the pause after any other (" + pause + ")");
        }
        if (maxPerTurn < 1) {
            throw new IllegalArgumentException("maxPerTurn must be at least 1");
        }
    }

    /** One pause for every transcript, however it ends. */
    public SpeculationSettings(boolean enabled, Duration pause, int maxPerTurn) {
        this(enabled, pause, pause, maxPerTurn);
    }
}
