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
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Short-lived, single-use tokens that tie a media stream to the signed voice webhook that
 * announced it. Twilio's signature carries no timestamp, so a captured upgrade could be replayed;
 * and the stream's {@code start} repeats the numbers the webhook was given, unsigned. A token that
 * was already used, is too old, or was issued for another call sid, caller or dialled number is
 * refused, so a {@code start} cannot carry another {@code To} and reach another business.
 *
 * <p>A token carries its expiry, a random nonce and an HMAC over both and the {@link SignedCall},
 * keyed from the Twilio auth token: every instance behind a load balancer that shares the auth
 * token accepts a token another instance issued (Twilio may send the webhook to one and the stream
 * to another). Single use is {@link UsedTokens}'s: across instances through Redis in production.
 */
public final class CallTokens {

    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = seededGenerator();
    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;
    private final UsedTokens used;

    /** {@code secret}: shared by every instance (the Twilio auth token); the key is derived from it. */
    public CallTokens(String secret, Duration ttl, Clock clock, UsedTokens used) {
        byte[] material = secret.isEmpty() ? randomKey() : secret.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(material, "HmacSHA256"),
                "firstbyte call token v2".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
        this.used = used;
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

    /** A token for {@code call}, valid for the configured time. */
    public String issue(SignedCall call) {
        long expiresAt = clock.millis() + ttl.toMillis();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return Long.toHexString(expiresAt) + "." + HEX.formatHex(nonce) + "." + HEX.formatHex(mac(call, expiresAt, nonce));
    }

    /**
     * True once for an untampered, unexpired token issued for exactly {@code claimed} (call sid,
     * caller and dialled number); false for any other token, and for every later use of it.
     */
    public Mono<Boolean> consume(@Nullable String token, SignedCall claimed) {
        return Mono.defer(() -> verified(token, claimed)
                .map(genuine -> used.firstUse(genuine.nonce(), Duration.ofMillis(genuine.expiresAt() - clock.millis() + 1)))
                .orElse(Mono.just(false)));
    }

    private record Genuine(String nonce, long expiresAt) {
    }

    /** The token's nonce (hex) and expiry when its MAC matches {@code claimed} and it has not expired. */
    private Optional<Genuine> verified(@Nullable String token, SignedCall claimed) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 16
                || parts[1].length() != NONCE_BYTES * 2 || parts[2].length() != MAC_BYTES * 2) {
            return Optional.empty();
        }
        try {
            long expiresAt = Long.parseUnsignedLong(parts[0], 16);
            byte[] mac = HEX.parseHex(parts[2]);
            boolean genuine = MessageDigest.isEqual(mac, mac(claimed, expiresAt, HEX.parseHex(parts[1])));
            return genuine && expiresAt >= clock.millis() ? Optional.of(new Genuine(parts[1], expiresAt)) : Optional.empty();
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    private byte[] mac(SignedCall call, long expiresAt, byte[] nonce) {
        byte[] sid = call.callSid().getBytes(StandardCharsets.UTF_8);
        byte[] from = call.from().getBytes(StandardCharsets.UTF_8);
        byte[] to = call.to().getBytes(StandardCharsets.UTF_8);
        // Each value is length-prefixed, so no two different calls sign the same bytes.
        ByteBuffer message = ByteBuffer.allocate(8 + nonce.length + 12 + sid.length + from.length + to.length)
                .putLong(expiresAt).put(nonce)
                .putInt(sid.length).put(sid)
                .putInt(from.length).put(from)
                .putInt(to.length).put(to);
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
