package io.firstbyte.adapters.telephony.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Constant-time comparison of a secret a gateway presents (an upgrade header such as Telnyx's
 * {@code x-telnyx-streaming-auth-token}, or a token in the first message) with the configured one.
 */
public final class SharedSecret {

    private SharedSecret() {
    }

    /** False when either side is missing or empty. */
    public static boolean matches(@Nullable String expected, @Nullable String presented) {
        if (expected == null || presented == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
