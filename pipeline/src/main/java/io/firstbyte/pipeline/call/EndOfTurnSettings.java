package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * Whether the end of a turn adapts to what the caller said ({@code adaptive}), and its three bounds,
 * each a silence counted from the local VAD's speech stop (which itself comes the VAD's hangover after
 * the last voiced audio): a complete sentence or question ends after {@code complete} (or at the
 * speech-to-text provider's end of speech, if that comes first); an open one, with no closing
 * punctuation ("book a haircut"), ignores the provider's end of speech and ends after {@code open}; one
 * that trails off in a filler, a conjunction or a word a sentence cannot stop on ("um", "and", "the",
 * "is") waits {@code trailing} for the caller to go on. Not adaptive, every turn keeps
 * {@link TurnSettings#vadSilence()} and ends at the provider's end of speech.
 */
public record EndOfTurnSettings(boolean adaptive, Duration complete, Duration open, Duration trailing) {

    public static final EndOfTurnSettings DEFAULTS = new EndOfTurnSettings(true, Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofMillis(1000));
    public static final EndOfTurnSettings OFF = new EndOfTurnSettings(false, DEFAULTS.complete(), DEFAULTS.open(),
            DEFAULTS.trailing());

    public EndOfTurnSettings {
        if (complete.isNegative() || open.isNegative() || trailing.isNegative()) {
            throw new IllegalArgumentException("end-of-turn silences must not be negative");
        }
    }
}
