package io.firstbyte.pipeline.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator briefly takes a StampedLock when it grows its magazines:
 * an internal, bounded wait that BlockHound would otherwise report as a blocking call on every
 * module's event loops. Only those two allocator methods are allowed; everything else stays checked.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
