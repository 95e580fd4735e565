package io.firstbyte.app.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The idempotency key of a request with a side effect, derived from the caller's own identifiers of
 * it: an {@code Idempotency-Key} from an HTTP client, Vapi's {@code toolCallId}, Retell's call id +
 * function + arguments (Retell has no request id, and retries a failed request up to twice), or a
 * call's id + the model's tool-call id. The prefix keeps the sources apart.
 */
public record IdempotencyKey(String value) {

    private static final int MAX_STORED = 200;
    private static final Pattern CLIENT = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern SAYABLE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /** A key an HTTP client chose: 1 to 200 visible ASCII characters, or empty when it is not one. */
    public static Optional<IdempotencyKey> client(String raw) {
        return CLIENT.matcher(raw).matches() ? Optional.of(new IdempotencyKey(raw)) : Optional.empty();
    }

    public static IdempotencyKey vapi(String toolCallId) {
        return new IdempotencyKey("vapi:" + toolCallId);
    }

    public static IdempotencyKey retell(String callId, String function, String canonicalArguments) {
        return new IdempotencyKey("retell:" + callId + ":" + function + ":" + sha256(canonicalArguments).substring(0, 32));
    }

    public static IdempotencyKey call(String callId, String toolCallId) {
        return new IdempotencyKey("call:" + callId + ":" + toolCallId);
    }

    /** The key as stored: itself, or its digest when it is longer than the store takes. */
    public String stored() {
        return value.length() <= MAX_STORED ? value : "sha256:" + sha256(value);
    }

    /** The key as an answer may quote it. */
    public String quoted() {
        return "'" + (SAYABLE.matcher(value).matches() ? value : stored().substring(0, Math.min(stored().length(), 40))) + "'";
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
