package io.firstbyte.app.webhooks;

import java.time.Duration;

/**
 * When a failed delivery is tried again: {@code first} after the first failure, doubling after each
 * further one up to {@code max}; after {@code maxAttempts} attempts in all it is given up.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 for the first). */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 40);
        long millis = first.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Whether no attempt is left after {@code attempts} have failed. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
