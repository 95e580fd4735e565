package io.firstbyte.app.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of business webhooks, bound from {@code firstbyte.webhooks}; every field has a default.
 *
 * @param firstRetry   wait after the first failed delivery; doubles after each further failure
 * @param maxRetryWait the longest wait between two attempts
 * @param maxAttempts  attempts in all before a delivery is given up
 * @param timeout      how long one attempt may take (connect, send, answer)
 * @param pollInterval how often the outbox is checked for due deliveries (new events are sent at once)
 */
@ConfigurationProperties("firstbyte.webhooks")
public record WebhookProperties(@Nullable Duration firstRetry, @Nullable Duration maxRetryWait, int maxAttempts,
                                @Nullable Duration timeout, @Nullable Duration pollInterval) {

    public WebhookProperties {
        firstRetry = positive(firstRetry, Duration.ofSeconds(10));
        maxRetryWait = positive(maxRetryWait, Duration.ofHours(1));
        if (maxRetryWait.compareTo(firstRetry) < 0) {
            maxRetryWait = firstRetry;
        }
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        timeout = positive(timeout, Duration.ofSeconds(10));
        pollInterval = positive(pollInterval, Duration.ofSeconds(1));
    }

    private static Duration positive(@Nullable Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}
