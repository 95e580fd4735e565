package io.firstbyte.app.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Firstbyte-Signature} header of a webhook delivery: {@code t=<unix seconds>,v1=<hex>}, where
 * the hex is HMAC-SHA256, keyed with the business's webhook secret (its UTF-8 bytes), over the
 * timestamp, a dot and the exact body bytes ({@code <t>.<body>}). The timestamp lets a receiver refuse
 * a replayed delivery; a redelivery is signed afresh.
 */
public final class WebhookSignature {

    public static final String HEADER = "Firstbyte-Signature";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code timestampSeconds}. */
    public static String header(String secret, long timestampSeconds, byte[] body) {
        return "t=" + timestampSeconds + ",v1=" + HEX.formatHex(mac(secret, timestampSeconds, body));
    }

    /**
     * Whether {@code header} signs {@code body} with {@code secret} at a time within {@code toleranceSeconds}
     * of {@code nowSeconds} (what a receiver checks; see docs/webhooks.md).
     */
    public static boolean verify(String secret, @Nullable String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        byte[] signature = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            try {
                if (pair[0].equals("t")) {
                    timestamp = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    signature = HEX.parseHex(pair[1]);
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        return timestamp != null && signature != null && Math.abs(nowSeconds - timestamp) <= toleranceSeconds
                && MessageDigest.isEqual(signature, mac(secret, timestamp, body));
    }

    private static byte[] mac(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
