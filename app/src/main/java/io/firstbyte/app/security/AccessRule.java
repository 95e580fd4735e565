package io.firstbyte.app.security;

import java.net.InetSocketAddress;
import java.util.Set;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** One route's rule: empty when the request may pass, else the {@link Refusal} it gets. */
@FunctionalInterface
interface AccessRule {

    Mono<Refusal> refusal(Mono<Authentication> authentication, ServerWebExchange exchange);

    /** As Spring Security's authorization manager; a refusal is left on the exchange for the handlers. */
    default ReactiveAuthorizationManager<AuthorizationContext> manager() {
        return (authentication, context) -> refusal(authentication, context.getExchange())
                .map(refusal -> {
                    refusal.leaveOn(context.getExchange());
                    return (AuthorizationResult) new AuthorizationDecision(false);
                })
                .defaultIfEmpty(new AuthorizationDecision(true));
    }

    static AccessRule open() {
        return (authentication, exchange) -> Mono.empty();
    }

    static AccessRule closed(Refusal refusal) {
        return (authentication, exchange) -> Mono.just(refusal);
    }

    /** Clients on this machine only (development mode's operator routes). */
    static AccessRule thisMachineOnly(Refusal otherwise) {
        return (authentication, exchange) -> onThisMachine(exchange) ? Mono.empty() : Mono.just(otherwise);
    }

    /**
     * A credential granting one of {@code authorities}: without any, {@code missing} (401); with
     * credentials for something else, {@code misplaced} (403).
     */
    static AccessRule anyOf(Set<String> authorities, Refusal missing, Refusal misplaced) {
        return (authentication, exchange) -> authentication
                .filter(Authentication::isAuthenticated)
                .map(granted -> granted.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authorities::contains))
                .defaultIfEmpty(false)
                .flatMap(allowed -> allowed ? Mono.<Refusal>empty() : authentication
                        .filter(Authentication::isAuthenticated)
                        .map(someoneElse -> misplaced)
                        .defaultIfEmpty(missing));
    }

    private static boolean onThisMachine(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
