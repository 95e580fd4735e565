package io.firstbyte.app.web.calls;

import io.firstbyte.app.config.OperatorProperties;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /calls/**}, which shows what callers said and can hang up their calls: with an
 * operator token configured a request needs {@code Authorization: Bearer <token>} (compared in
 * constant time); without one only clients on this machine (loopback) are answered.
 */
public final class OperatorAccessFilter implements WebFilter {

    private final OperatorProperties operator;

    public OperatorAccessFilter(OperatorProperties operator) {
        this.operator = operator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!path.equals("/calls") && !path.startsWith("/calls/")) {
            return chain.filter(exchange);
        }
        if (operator.tokenConfigured()) {
            return bearerMatches(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                    ? chain.filter(exchange)
                    : refuse(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "an operator token is required: Authorization: Bearer <OPERATOR_TOKEN>");
        }
        InetSocketAddress remote = request.getRemoteAddress();
        boolean local = remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
        return local ? chain.filter(exchange)
                : refuse(exchange.getResponse(), HttpStatus.FORBIDDEN, "call control is open to this machine only until OPERATOR_TOKEN is set");
    }

    private boolean bearerMatches(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        String token = operator.token();
        return token != null && MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
