package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * Whether the end of a turn adapts to what the caller said ({@code adaptive}), and its two bounds: a
 * complete sentence or question ends after {@code complete} of silence (or at the speech-to-text
 * provider's end of speech, if that comes first); a transcript that trails off in a filler, a
 * conjunction or an article ("um", "and", "because", "the") ignores the provider's end of speech and
 * waits {@code trailing} of silence for the caller to go on. Silence counts from the local VAD's
 * speech stop. Anything else keeps {@link TurnSettings#vadSilence()}.
 */
public record EndOfTurnSettings(boolean adaptive, Duration complete, Duration trailing) {

    public static final EndOfTurnSettings DEFAULTS = new EndOfTurnSettings(true, Duration.ofMillis(200), Duration.ofMillis(1000));
    public static final EndOfTurnSettings OFF = new EndOfTurnSettings(false, DEFAULTS.complete(), DEFAULTS.trailing());

    public EndOfTurnSettings {
        if (complete.isNegative() || trailing.isNegative()) {
            throw new IllegalArgumentException("end-of-turn silences must not be negative");
        }
    }
}
