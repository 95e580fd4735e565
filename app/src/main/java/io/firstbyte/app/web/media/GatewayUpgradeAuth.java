package io.firstbyte.app.web.media;

import io.firstbyte.adapters.telephony.common.SharedSecret;
import io.firstbyte.app.config.GatewaySecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a gateway's WebSocket upgrade ({@code 401}, before any call work) when it does not
 * present the configured secret the way that gateway can: Telnyx's
 * {@code x-telnyx-streaming-auth-token}, FreeSWITCH's {@code Authorization: Bearer} (from
 * {@code STREAM_EXTRA_HEADERS}), jambonz's {@code wsAuth} and Asterisk's
 * {@code websocket_client.conf} credentials as HTTP Basic. Secrets are compared in constant time;
 * a gateway without a configured secret is not checked.
 */
public final class GatewayUpgradeAuth implements WebFilter {

    static final String TELNYX_TOKEN_HEADER = "x-telnyx-streaming-auth-token";
    private static final Logger log = LoggerFactory.getLogger(GatewayUpgradeAuth.class);

    private final Map<String, Predicate<HttpHeaders>> checks;

    private GatewayUpgradeAuth(Map<String, Predicate<HttpHeaders>> checks) {
        this.checks = Map.copyOf(checks);
    }

    public static GatewayUpgradeAuth of(GatewaySecrets secrets) {
        Map<String, Predicate<HttpHeaders>> checks = new LinkedHashMap<>();
        if (!secrets.telnyxStreamToken().isEmpty()) {
            checks.put("/audio/telnyx", headers -> SharedSecret.matches(secrets.telnyxStreamToken(), headers.getFirst(TELNYX_TOKEN_HEADER)));
        }
        if (!secrets.freeswitchToken().isEmpty()) {
            checks.put("/audio/freeswitch", headers -> SharedSecret.matches(secrets.freeswitchToken(), bearer(headers)));
        }
        if (!secrets.jambonzPassword().isEmpty()) {
            checks.put("/audio/jambonz", basic(secrets.jambonzUsername(), secrets.jambonzPassword()));
        }
        if (!secrets.asteriskPassword().isEmpty()) {
            checks.put("/audio/asterisk", basic(secrets.asteriskUsername(), secrets.asteriskPassword()));
        }
        return new GatewayUpgradeAuth(checks);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        Predicate<HttpHeaders> check = checks.get(path);
        if (check == null || check.test(exchange.getRequest().getHeaders())) {
            return chain.filter(exchange);
        }
        log.warn("upgrade to {} refused: missing or wrong gateway credentials", path);
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        return exchange.getResponse().setComplete();
    }

    private static @Nullable String bearer(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    /** Headers carrying these credentials as HTTP Basic (compared in constant time). */
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
