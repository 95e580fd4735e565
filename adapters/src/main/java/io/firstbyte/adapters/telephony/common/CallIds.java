package io.firstbyte.adapters.telephony.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for the calls of gateways that name none on the socket (Vonage without a {@code uuid}
 * header, FreeSWITCH without one in its metadata). They are made on the event loop while the first
 * message is decoded, so not with {@link UUID#randomUUID()}: its {@code SecureRandom} reads the
 * system's entropy source, a blocking call, which BlockHound refuses (the connection then closed
 * before its call started). Unique, not secret (ids that gateways give are not secret either).
 */
public final class CallIds {

    private CallIds() {
    }

    /** A random (version 4 layout) UUID string. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
