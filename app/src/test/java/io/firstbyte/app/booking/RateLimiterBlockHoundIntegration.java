package io.firstbyte.app.booking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * resilience4j's {@code AtomicRateLimiter} (the per-tenant limit in {@link BookingGuards}) backs off
 * for one nanosecond ({@code LockSupport.parkNanos(1)}) when two threads race for a permit: a CAS
 * retry, not I/O. Concurrent requests of one tenant hit it, so it is allowed here.
 */
public final class RateLimiterBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter", "compareAndSet");
    }
}
