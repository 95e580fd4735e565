package io.firstbyte.app.web.twilio;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Short-lived, single-use tokens that tie a media stream to the signed voice webhook that
 * announced it. Twilio's signature carries no timestamp, so a captured upgrade could be replayed;
 * a token that was already used, or is too old, is refused.
 */
public final class CallTokens {

    private static final int MAX_OUTSTANDING = 100_000;

    private final SecureRandom random = seededGenerator();
    private final Map<String, Instant> outstanding = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;

    public CallTokens(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A DRBG seeded once, here at start-up: afterwards it draws no entropy from the operating
     * system, so issuing a token never blocks an event-loop thread (the default NativePRNG reads
     * /dev/urandom on every call).
     */
    private static SecureRandom seededGenerator() {
        try {
            SecureRandom drbg = SecureRandom.getInstance("DRBG");
            drbg.nextBytes(new byte[16]);
            return drbg;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG SecureRandom is part of every JDK since 9", e);
        }
    }

    public String issue() {
        Instant now = clock.instant();
        if (outstanding.size() >= MAX_OUTSTANDING) {
            outstanding.values().removeIf(expiry -> expiry.isBefore(now));
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        outstanding.put(token, now.plus(ttl));
        return token;
    }

    /** True once for a token that was issued and has not expired. */
    public boolean consume(@Nullable String token) {
        if (token == null) {
            return false;
        }
        Instant expiry = outstanding.remove(token);
        return expiry != null && !expiry.isBefore(clock.instant());
    }
}
