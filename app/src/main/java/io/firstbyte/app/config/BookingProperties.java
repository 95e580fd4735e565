package io.firstbyte.app.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Booking engine tunables, bound from {@code firstbyte.booking}. Every field has a default so the
 * server starts with no configuration at all.
 *
 * @param cacheTtl            how long cached slots live in Redis (jitter is added on top)
 * @param cacheTtlJitter      up to this much is added at random to each TTL, so keys do not expire together
 * @param catalogTtl          how long a tenant's services, staff and hours stay in memory
 * @param fillLockTtl         the cross-instance "I am filling this key" lock in Redis
 * @param fillWait            how long another instance waits for the lock holder's fill before querying itself
 * @param warmupDays          days of availability loaded into the cache at call start
 * @param availabilityTimeout timeout for availability reads
 * @param bookingTimeout      timeout for booking writes
 * @param breakerOpenFor      how long the PostgreSQL breaker first stays open before probing; doubles after each
 *                            failed probe, up to 4 times this
 * @param tenantRequestsPerSecond rate limit per tenant across all booking operations
 * @param credentialsKey      base64 AES key (16, 24 or 32 bytes) for provider credentials at rest; blank disables them
 * @param demoApiKey          API key seeded for the demo tenant in development mode (blank: none; never in production)
 * @param seedDemo            seed the demo salon at start-up: true, false, or blank (null): only in development
 *                            mode on the embedded database
 * @param syntheticTenants    number of synthetic tenants seeded at start-up, for load tests
 * @param vapiSecret          secret expected in {@code X-Vapi-Secret} (blank: not checked)
 * @param retellApiKey        key for {@code X-Retell-Signature} (blank: not checked)
 */
@ConfigurationProperties("firstbyte.booking")
public record BookingProperties(@Nullable Duration cacheTtl, @Nullable Duration cacheTtlJitter,
                                @Nullable Duration catalogTtl, @Nullable Duration fillLockTtl,
                                @Nullable Duration fillWait, int warmupDays,
                                @Nullable Duration availabilityTimeout, @Nullable Duration bookingTimeout,
                                @Nullable Duration breakerOpenFor, int tenantRequestsPerSecond,
                                @Nullable String credentialsKey, @Nullable String demoApiKey,
                                @Nullable Boolean seedDemo, int syntheticTenants,
                                @Nullable String vapiSecret, @Nullable String retellApiKey) {

    public BookingProperties {
        cacheTtl = orDefault(cacheTtl, Duration.ofSeconds(300));
        cacheTtlJitter = orDefault(cacheTtlJitter, Duration.ofSeconds(30));
        catalogTtl = orDefault(catalogTtl, Duration.ofSeconds(60));
        fillLockTtl = orDefault(fillLockTtl, Duration.ofSeconds(2));
        fillWait = orDefault(fillWait, Duration.ofMillis(150));
        warmupDays = warmupDays <= 0 ? 3 : warmupDays;
        availabilityTimeout = orDefault(availabilityTimeout, Duration.ofSeconds(3));
        bookingTimeout = orDefault(bookingTimeout, Duration.ofSeconds(5));
        breakerOpenFor = orDefault(breakerOpenFor, Duration.ofMillis(500));
        tenantRequestsPerSecond = tenantRequestsPerSecond <= 0 ? 2000 : tenantRequestsPerSecond;
        credentialsKey = credentialsKey == null ? "" : credentialsKey.strip();
        demoApiKey = demoApiKey == null ? "" : demoApiKey.strip();
        syntheticTenants = Math.max(0, syntheticTenants);
        vapiSecret = vapiSecret == null ? "" : vapiSecret.strip();
        retellApiKey = retellApiKey == null ? "" : retellApiKey.strip();
    }

    /** Whether the demo salon is seeded: as set, or when unset only if {@code localDevelopment}. */
    public boolean seedsDemo(boolean localDevelopment) {
        return seedDemo == null ? localDevelopment : seedDemo;
    }

    public static BookingProperties defaults() {
        return new BookingProperties(null, null, null, null, null, 0, null, null, null, 0,
                null, null, null, 0, null, null);
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
