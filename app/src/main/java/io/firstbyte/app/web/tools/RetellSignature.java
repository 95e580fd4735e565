package io.firstbyte.app.web.tools;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Retell's {@code X-Retell-Signature: v=<unix ms>,d=<hex>}: HMAC-SHA256 keyed with the API key over
 * the raw body followed by the timestamp. Stale timestamps (more than five minutes off) are refused.
 */
public final class RetellSignature {

    private static final Pattern HEADER = Pattern.compile("v=(\\d{10,16}),d=([0-9a-fA-F]{64})");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Clock clock;

    public RetellSignature(String apiKey, Clock clock) {
        this.key = apiKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public boolean verify(byte[] body, @Nullable String header) {
        if (header == null) {
            return false;
        }
        Matcher match = HEADER.matcher(header.strip());
        if (!match.matches()) {
            return false;
        }
        long timestamp = Long.parseLong(match.group(1));
        if (Math.abs(clock.millis() - timestamp) > TOLERANCE.toMillis()) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(sign(body, match.group(1))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, match.group(2).toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    /** The header value for {@code body} at {@code timestampMillis} (for clients and tests). */
    public String header(byte[] body, long timestampMillis) {
        return "v=" + timestampMillis + ",d=" + HexFormat.of().formatHex(sign(body, Long.toString(timestampMillis)));
    }

    private byte[] sign(byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
