package io.firstbyte.pipeline.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short internal locks of libraries that BlockHound would otherwise report on every module's event
 * loops: Netty 4.2's adaptive buffer allocator takes a StampedLock when it grows its magazines, and
 * Jackson takes a lock the first time it builds a deserializer for a type (then caches it), and a
 * resilience4j circuit breaker locks its sliding window for the few instructions that record one
 * outcome (contended only when two calls finish on two threads at once). Only
 * those methods are allowed; everything else stays checked.
 */
public final class LibraryLocksBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics", "record");
    }
}
