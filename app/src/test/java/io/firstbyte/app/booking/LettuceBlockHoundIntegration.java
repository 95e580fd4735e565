package io.firstbyte.app.booking;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lettuce guards its command queue with a {@code ReentrantLock} held for a few instructions
 * ({@code SharedLock}); under contention a writer parks for that long. That is a lock hand-off, not
 * I/O, and Lettuce is designed to be called from event loops, so it is allowed here.
 */
public final class LettuceBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "doExclusive");
    }
}
