package io.firstbyte.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every refusal of the chain as one-line JSON: no credentials (401), credentials that do not open
 * this route or a route closed by configuration (the rule's {@link Refusal}), and a request the
 * firewall would not read (400: a path the router and the chain could read differently).
 */
final class RefusalHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RefusalHandlers.class);
    static final Refusal NOT_CANONICAL = new Refusal(HttpStatus.BAD_REQUEST,
            "the request path is not in canonical form: no ';', '//', '.' or '..' segments, encoded '/', '.', '%' or '\\'");

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException cause) {
        return refuse(exchange, Refusal.on(exchange, Refusal.unauthorized("credentials are required")));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return refuse(exchange, Refusal.on(exchange, Refusal.forbidden("these credentials do not open this route")));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.debug("request to {} rejected: {}", exchange.getRequest().getPath(), rejected.getMessage());
        return NOT_CANONICAL.write(exchange.getResponse());
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        log.debug("{} {} refused with {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                refusal.status().value(), refusal.message());
        return refusal.write(exchange.getResponse());
    }
}
