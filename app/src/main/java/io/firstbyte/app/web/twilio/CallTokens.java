package io.firstbyte.app.web.twilio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Short-lived, single-use tokens that tie a media stream to the signed voice webhook that
 * announced it. Twilio's signature carries no timestamp, so a captured upgrade could be replayed;
 * a token that was already used, is too old, or was issued for another call is refused.
 *
 * <p>A token carries its expiry, a random nonce and an HMAC over both and the call's sid, keyed
 * from the Twilio auth token: every instance behind a load balancer that shares the auth token
 * accepts a token another instance issued (Twilio may send the webhook to one and the stream to
 * another). Single use is enforced per instance, for the token's short lifetime.
 */
public final class CallTokens {

    private static final int MAX_USED = 200_000;
    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = seededGenerator();
    private final Map<String, Long> used = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    /** {@code secret}: shared by every instance (the Twilio auth token); the key is derived from it. */
    public CallTokens(String secret, Duration ttl, Clock clock) {
        byte[] material = secret.isEmpty() ? randomKey() : secret.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(material, "HmacSHA256"),
                "firstbyte call token v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
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
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("DRBG SecureRandom is part of every JDK since 9", e);
        }
    }

    /** With no shared secret (checks are off) tokens still verify on the instance that issued them. */
    private byte[] randomKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A token for the call {@code callSid}, valid for the configured time. */
    public String issue(String callSid) {
        long expiresAt = clock.millis() + ttl.toMillis();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return Long.toHexString(expiresAt) + "." + HEX.formatHex(nonce) + "." + HEX.formatHex(mac(callSid, expiresAt, nonce));
    }

    /** True once for an untampered, unexpired token issued for {@code callSid}. */
    public boolean consume(@Nullable String token, @Nullable String callSid) {
        if (token == null || callSid == null) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 16
                || parts[1].length() != NONCE_BYTES * 2 || parts[2].length() != MAC_BYTES * 2) {
            return false;
        }
        long expiresAt;
        byte[] nonce;
        byte[] mac;
        try {
            expiresAt = Long.parseUnsignedLong(parts[0], 16);
            nonce = HEX.parseHex(parts[1]);
            mac = HEX.parseHex(parts[2]);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        long now = clock.millis();
        if (!MessageDigest.isEqual(mac, mac(callSid, expiresAt, nonce)) || expiresAt < now) {
            return false;
        }
        if (used.size() >= MAX_USED) {
            used.values().removeIf(expiry -> expiry < now);
        }
        return used.putIfAbsent(parts[1], expiresAt) == null;
    }

    private byte[] mac(String callSid, long expiresAt, byte[] nonce) {
        byte[] sid = callSid.getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocate(8 + nonce.length + sid.length).putLong(expiresAt).put(nonce).put(sid);
        return Arrays.copyOf(hmac(key, message.array()), MAC_BYTES);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
