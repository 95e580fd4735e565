package io.firstbyte.adapters.telephony.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code X-Twilio-Signature} (protocols.md 1.2): base64 of HMAC-SHA1, keyed with the
 * account's auth token, over the URL followed by every POST parameter name and value, sorted.
 *
 * <p>Pass the URL as configured in Twilio, built from public settings, never from the proxied
 * request. Like Twilio's SDKs, the URL is also tried with its default port added or removed.
 * Comparison is constant-time. One instance per auth token; thread-safe.
 */
public final class TwilioSignature {

    private static final String ALGORITHM = "HmacSHA1";

    private final SecretKeySpec key;

    public TwilioSignature(String authToken) {
        if (authToken.isEmpty()) {
            throw new IllegalArgumentException("the Twilio auth token must not be empty");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Checks a form-encoded webhook; {@code params} maps each name to all its values. */
    public boolean isValidWebhook(String url, Map<String, ? extends Collection<String>> params,
                                  @Nullable String signature) {
        if (signature == null) {
            return false;
        }
        byte[] received = signature.getBytes(StandardCharsets.UTF_8);
        return UrlVariants.of(url).stream()
                .anyMatch(variant -> MessageDigest.isEqual(sign(variant, params).getBytes(StandardCharsets.UTF_8), received));
    }

    /**
     * Checks the WebSocket upgrade: no parameters, over the {@code wss://} URL from the TwiML. An
     * {@code https://} URL is rewritten to {@code wss://}, since Twilio signs the scheme it dialled.
     */
    public boolean isValidUpgrade(String mediaUrl, @Nullable String signature) {
        return isValidWebhook(asWebSocketUrl(mediaUrl), Map.of(), signature);
    }

    /** The signature Twilio would send for this URL and these parameters (tests and simulators use it). */
    public String sign(String url, Map<String, ? extends Collection<String>> params) {
        return Base64.getEncoder().encodeToString(hmac(signedData(url, params)));
    }

    static String signedData(String url, Map<String, ? extends Collection<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) ->
                values.stream().sorted().forEach(value -> data.append(name).append(value)));
        return data.toString();
    }

    private static String asWebSocketUrl(String url) {
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            return "wss://" + url.substring(8);
        }
        if (url.regionMatches(true, 0, "http://", 0, 7)) {
            return "ws://" + url.substring(7);
        }
        return url;
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", unavailable);
        }
    }
}
