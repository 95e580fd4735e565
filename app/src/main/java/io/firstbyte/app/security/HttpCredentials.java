package io.firstbyte.app.security;

import io.firstbyte.adapters.telephony.common.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/** Reading a bearer token or HTTP Basic credentials from {@code Authorization}; secrets compared in constant time. */
public final class HttpCredentials {

    private HttpCredentials() {
    }

    public static @Nullable String bearer(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    /** Headers carrying these credentials as HTTP Basic. */
    public static Predicate<HttpHeaders> basic(String username, String password) {
        return headers -> basicMatches(headers, username, password);
    }

    private static boolean basicMatches(HttpHeaders headers, String username, String password) {
        String value = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = SharedSecret.matches(username, credentials.substring(0, colon));
        boolean secret = SharedSecret.matches(password, credentials.substring(colon + 1));
        return user & secret;
    }
}
