package io.firstbyte.app.config;

import io.firstbyte.app.booking.PrefetchedDays;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reading the days around a time a caller asked about in the background, for the follow-up
 * {@code find_alternatives}; bound from {@code firstbyte.booking.alternatives-prefetch}, with defaults.
 *
 * @param enabled     start the background reads ({@code BOOKING_PREFETCH_ALTERNATIVES})
 * @param memoTtl     how long a day read in the background is kept (it is served only while current)
 * @param maxEntries  days kept on this instance
 * @param maxInFlight background reads running at once on this instance; more are skipped
 */
@ConfigurationProperties("firstbyte.booking.alternatives-prefetch")
public record AlternativesPrefetchProperties(@Nullable Boolean enabled, @Nullable Duration memoTtl, int maxEntries,
                                             int maxInFlight) {

    public AlternativesPrefetchProperties {
        enabled = enabled == null || enabled;
        memoTtl = memoTtl == null ? Duration.ofSeconds(120) : memoTtl;
        maxEntries = maxEntries <= 0 ? 10_000 : maxEntries;
        maxInFlight = maxInFlight <= 0 ? 64 : maxInFlight;
    }

    public PrefetchedDays.Settings settings() {
        return new PrefetchedDays.Settings(enabled, memoTtl, maxEntries, maxInFlight);
    }
}
