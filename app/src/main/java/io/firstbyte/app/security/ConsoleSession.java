package io.firstbyte.app.security;

import io.firstbyte.adapters.telephony.common.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The operator console's sign-in, for a browser, which cannot put a bearer token on a page load or
 * an event stream: whoever posts the operator token to the sign-in form gets a cookie that stands for
 * the operator credential until it expires. The cookie holds its expiry and an HMAC-SHA256 of it keyed
 * with the operator token, so every instance with the same token accepts it, nothing is stored, and
 * changing the token signs everyone out. It is {@code HttpOnly} (page scripts never see it),
 * {@code SameSite=Strict} and accepted only when the browser says the request came from this site
 * ({@code Sec-Fetch-Site} absent, {@code same-origin} or {@code none}), so another site cannot make a
 * signed-in browser hang up a call; {@code Secure} when the request came over HTTPS.
 */
public final class ConsoleSession {

    public static final String COOKIE = "firstbyte_console";
    private static final String PURPOSE = "firstbyte-console-v1:";
    private static final List<String> SAME_SITE = List.of("same-origin", "none");

    private final String operatorToken;
    private final Duration lifetime;
    private final Clock clock;

    /** {@code operatorToken} blank: nobody can sign in (the console then answers this machine only, in development). */
    public ConsoleSession(String operatorToken, Duration lifetime, Clock clock) {
        this.operatorToken = operatorToken;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public boolean enabled() {
        return !operatorToken.isBlank();
    }

    /** Whether {@code presented} is the operator token (compared in constant time). */
    public boolean tokenMatches(@Nullable String presented) {
        return enabled() && presented != null && SharedSecret.matches(operatorToken, presented);
    }

    /** A fresh session cookie, only to be handed out after {@link #tokenMatches}. */
    public ResponseCookie issue(boolean secure) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        return cookie(expires + "." + signature(expires), lifetime, secure);
    }

    /** The cookie that ends the session in this browser. */
    public static ResponseCookie cleared(boolean secure) {
        return cookie("", Duration.ZERO, secure);
    }

    private static ResponseCookie cookie(String value, Duration maxAge, boolean secure) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(secure).sameSite("Strict").path("/")
                .maxAge(maxAge).build();
    }

    /** Whether these request headers carry a valid, unexpired session cookie from this site. */
    boolean presentedIn(HttpHeaders headers) {
        if (!enabled()) {
            return false;
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !SAME_SITE.contains(site)) {
            return false;
        }
        String value = cookieValue(headers);
        if (value == null) {
            return false;
        }
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        boolean signed = SharedSecret.matches(signature(expires), value.substring(dot + 1));
        return signed & expires > clock.instant().getEpochSecond();
    }

    Credential credential() {
        return new Credential(Credential.OPERATOR, this::presentedIn);
    }

    private static @Nullable String cookieValue(HttpHeaders headers) {
        for (String line : headers.getOrEmpty(HttpHeaders.COOKIE)) {
            for (String pair : line.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(COOKIE)) {
                    return pair.substring(equals + 1).strip();
                }
            }
        }
        return null;
    }

    private String signature(long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(operatorToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((PURPOSE + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + (enabled() ? "sign-in with OPERATOR_TOKEN" : "no sign-in") + ", lifetime " + lifetime + "]";
    }

}
