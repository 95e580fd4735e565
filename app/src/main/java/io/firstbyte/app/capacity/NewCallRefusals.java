package io.firstbyte.app.capacity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Refuses the requests that begin a call while this instance takes none (draining, or at its cap):
 * media WebSocket upgrades ({@code /twilio/media}, {@code /audio/<dialect>}) and AudioSocket
 * registrations get {@code 503} with {@code Retry-After}, before any upgrade, so a load balancer
 * can retry them on another instance (HAProxy {@code retry-on 503}, NGINX
 * {@code proxy_next_upstream http_503}). Runs after the security chain: a client that may not
 * call learns nothing about the instance's state.
 */
public final class NewCallRefusals implements WebFilter {

    private static final List<PathPattern> CALL_ENTRIES = List.of(
            PathPatternParser.defaultInstance.parse("/twilio/media"),
            PathPatternParser.defaultInstance.parse("/audio/{dialect}"),
            PathPatternParser.defaultInstance.parse("/audiosocket/calls"));

    private final CallAdmission admission;

    public NewCallRefusals(CallAdmission admission) {
        this.admission = admission;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (CALL_ENTRIES.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        return admission.refusal().map(refusal -> refuse(exchange.getResponse(), refusal)).orElseGet(() -> chain.filter(exchange));
    }

    private Mono<Void> refuse(ServerHttpResponse response, CallAdmission.Refusal refusal) {
        admission.refused(refusal);
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
        String reason = refusal == CallAdmission.Refusal.DRAIN
                ? "this instance is shutting down; call another one\n"
                : "this instance is at its call cap; call another one\n";
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(reason.getBytes(StandardCharsets.UTF_8))));
    }
}
