package io.firstbyte.adapters.telephony.jambonz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code Jambonz-Signature} header jambonz puts on every webhook it sends (an application's
 * hooks, a verb's {@code actionHook}): {@code t=<unix seconds>,v1=<hex>}, where the hex is HMAC-SHA256,
 * keyed with the account's webhook secret, over the timestamp, a dot and the raw body. Several
 * {@code v1} entries may appear (jambonz rotating its secret); one matching is enough. A timestamp
 * more than five minutes off is refused, as jambonz's own SDK does, so a captured request cannot be
 * replayed later. Comparison is constant-time; thread-safe.
 */
public final class JambonzSignature {

    public static final String HEADER = "Jambonz-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final SecretKeySpec key;
    private final Clock clock;

    public JambonzSignature(String webhookSecret, Clock clock) {
        if (webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("the jambonz webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** True when {@code header} signs {@code body} with this secret, recently. */
    public boolean verify(byte[] body, @Nullable String header) {
        if (header == null) {
            return false;
        }
        String timestamp = null;
        boolean matched = false;
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? part.strip() : part.substring(0, equals).strip();
            String value = equals < 0 ? "" : part.substring(equals + 1).strip();
            if (name.equals("t")) {
                timestamp = value;
            }
        }
        if (timestamp == null || !timestamp.matches("\\d{1,12}") || !recent(Long.parseLong(timestamp))) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(sign(body, timestamp)).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(",")) {
            String entry = part.strip();
            if (entry.startsWith("v1=")) {
                matched |= MessageDigest.isEqual(expected, entry.substring(3).toLowerCase().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return matched;
    }

    /** The header jambonz would send with {@code body} at {@code epochSeconds} (for tests and clients). */
    public String header(byte[] body, long epochSeconds) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(sign(body, Long.toString(epochSeconds)));
    }

    private boolean recent(long epochSeconds) {
        return Math.abs(clock.instant().getEpochSecond() - epochSeconds) <= TOLERANCE.toSeconds();
    }

    private byte[] sign(byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
