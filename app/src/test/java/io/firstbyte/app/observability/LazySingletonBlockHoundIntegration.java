package io.firstbyte.app.observability;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Spring's {@code SingletonSupplier} takes a lock only while it creates its value once (Boot's
 * Prometheus exemplar sampler resolves the tracer lazily on the first timed request). Two event-loop
 * threads racing for that first value park for microseconds: a one-time initialisation, not I/O.
 * Seen when 200 calls upgraded at once (CallLeakIT).
 */
public final class LazySingletonBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.springframework.util.function.SingletonSupplier", "get");
    }
}
