package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * Whether and when an answer may start before the caller's turn is confirmed. With {@code enabled},
 * once the caller has been silent for {@code pause} with a transcript in hand, the answer starts on
 * that transcript and is held until the turn ends; at most {@code maxPerTurn} answers are started
 * for one turn (a changed transcript or more speech discards one and may start the next).
 */
public record SpeculationSettings(boolean enabled, Duration pause, int maxPerTurn) {

    public static final SpeculationSettings DEFAULTS = new SpeculationSettings(true, Duration.ofMillis(60), 3);
    public static final SpeculationSettings OFF = new SpeculationSettings(false, DEFAULTS.pause(), DEFAULTS.maxPerTurn());

    public SpeculationSettings {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("the speculation pause must not be negative");
        }
        if (maxPerTurn < 1) {
            throw new IllegalArgumentException("maxPerTurn must be at least 1");
        }
    }
}
