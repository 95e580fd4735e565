package io.firstbyte.adapters.telephony.plivo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks Plivo's {@code X-Plivo-Signature-V3} on a request Plivo sends this server (an XML request such as
 * a transfer's {@code aleg_url}), as Plivo's SDKs validate it ({@code validate_v3_signature}): base64 of
 * HMAC-SHA256, keyed with the account's auth token, over a text built from the URL, the parameters and
 * {@code X-Plivo-Signature-V3-Nonce}:
 *
 * <ul>
 *   <li>the URL without its query ({@code scheme://host[:port]/path}), then, when the URL has a query, {@code ?}
 *       and its parameters decoded and sorted by name (each name's values sorted) as {@code name=value} joined by
 *       {@code &};</li>
 *   <li>for a POST with a form: {@code ?} (when the URL had no query; else {@code .}), then every form parameter
 *       sorted by name as {@code namevalue}, with nothing between them;</li>
 *   <li>then {@code .} and the nonce.</li>
 * </ul>
 *
 * <p>The header may carry several signatures separated by commas (one per active auth token); any one
 * matching is enough. Pass the URL as the server gave it to Plivo, built from public settings, never from
 * the proxied request. Comparison is constant-time. One instance per auth token; thread-safe.
 */
public final class PlivoSignature {

    public static final String HEADER = "X-Plivo-Signature-V3";
    public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PlivoSignature(String authToken) {
        if (authToken.isEmpty()) {
            throw new IllegalArgumentException("the Plivo auth token must not be empty");
        }
        this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * Whether {@code signatures} (the header, maybe several comma-separated) holds Plivo's signature of this
     * request: {@code method} {@code GET} or {@code POST}, {@code url} as Plivo requested it (with its query),
     * {@code form} the POST body's parameters (ignored for a GET, whose parameters are in the URL).
     */
    public boolean isValid(String method, String url, Map<String, ? extends Collection<String>> form,
                           @Nullable String nonce, @Nullable String signatures) {
        if (nonce == null || nonce.isEmpty() || signatures == null || signatures.isEmpty()) {
            return false;
        }
        Optional<String> text = signedText(method, url, form);
        if (text.isEmpty()) {
            return false;
        }
        byte[] expected = sign(text.get(), nonce).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String signature : signatures.split(",", -1)) {
            matched |= MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
        }
        return matched;
    }

    /** The signature Plivo would send for this request (tests and simulators use it). */
    public String sign(String method, String url, Map<String, ? extends Collection<String>> form, String nonce) {
        return sign(signedText(method, url, form)
                .orElseThrow(() -> new IllegalArgumentException("not a request Plivo signs: " + method + " " + url)), nonce);
    }

    private String sign(String signedText, String nonce) {
        return Base64.getEncoder().encodeToString(hmac(signedText + "." + nonce));
    }

    /** The text signed before the nonce; empty when the method is neither GET nor POST or the query cannot be decoded. */
    static Optional<String> signedText(String method, String url, Map<String, ? extends Collection<String>> form) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (!verb.equals("POST") && !verb.equals("GET")) {
            return Optional.empty();
        }
        boolean hasForm = verb.equals("POST") && !form.isEmpty();
        String withoutFragment = url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
        int question = withoutFragment.indexOf('?');
        String base = question < 0 ? withoutFragment : withoutFragment.substring(0, question);
        Optional<String> query = sortedQuery(question < 0 ? "" : withoutFragment.substring(question + 1));
        if (query.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(base);
        if (!query.get().isEmpty() || hasForm) {
            text.append('?').append(query.get());
        }
        if (!query.get().isEmpty() && hasForm) {
            text.append('.');
        }
        if (hasForm) {
            new TreeMap<>(form).forEach((name, values) -> values.stream().sorted().forEach(value -> text.append(name).append(value)));
        }
        return Optional.of(text.toString());
    }

    /** The query's parameters decoded ({@code +} is a space), sorted by name then value, as {@code name=value&…}. */
    private static Optional<String> sortedQuery(String rawQuery) {
        Map<String, List<String>> parameters = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformedEscape) {
                return Optional.empty();
            }
        }
        List<String> pairs = new ArrayList<>();
        parameters.forEach((name, values) -> values.stream().sorted().forEach(value -> pairs.add(name + "=" + value)));
        return Optional.of(String.join("&", pairs));
    }

    private byte[] hmac(String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", unavailable);
        }
    }
}
