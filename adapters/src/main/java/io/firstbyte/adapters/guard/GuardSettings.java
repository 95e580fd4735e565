package io.firstbyte.adapters.guard;

import java.time.Duration;

/**
 * How one provider's streams are guarded: the longest wait for the first result and between two
 * results, how many retries before the first result (with exponential {@code retryBackoff}), the
 * longest {@code Retry-After} worth waiting for (longer ones fail over instead), and the breaker.
 */
public record GuardSettings(Duration firstResult, Duration gap, int maxRetries, Duration retryBackoff,
                            Duration maxRetryAfter, BreakerSettings breaker) {

    /** For language models: first token within 4 s (a tool call streams its arguments first), gaps under 3 s. */
    public static final GuardSettings MODEL_DEFAULTS = new GuardSettings(Duration.ofSeconds(4), Duration.ofSeconds(3), 1,
            Duration.ofMillis(100), Duration.ofSeconds(1), BreakerSettings.DEFAULTS);

    /** For speech synthesis: first audio within 1.5 s of the first clause, gaps under 2 s while audio is owed. */
    public static final GuardSettings SPEECH_DEFAULTS = new GuardSettings(Duration.ofMillis(1500), Duration.ofSeconds(2), 1,
            Duration.ofMillis(50), Duration.ofMillis(500), BreakerSettings.DEFAULTS);

    public GuardSettings {
        if (firstResult.isNegative() || firstResult.isZero() || gap.isNegative() || gap.isZero() || maxRetries < 0) {
            throw new IllegalArgumentException("timeouts must be positive and retries not negative");
        }
    }

    public GuardSettings withTimeouts(Duration firstResult, Duration gap) {
        return new GuardSettings(firstResult, gap, maxRetries, retryBackoff, maxRetryAfter, breaker);
    }

    public GuardSettings withRetries(int maxRetries) {
        return new GuardSettings(firstResult, gap, maxRetries, retryBackoff, maxRetryAfter, breaker);
    }

    public GuardSettings withBreaker(BreakerSettings breaker) {
        return new GuardSettings(firstResult, gap, maxRetries, retryBackoff, maxRetryAfter, breaker);
    }
}
