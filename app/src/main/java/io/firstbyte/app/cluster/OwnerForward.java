package io.firstbyte.app.cluster;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends a call-control request ({@code POST /calls/{id}/hangup}, {@code GET /calls/{id}/trace}) on
 * to the instance that owns the call, directly, with the operator's token as any operator would,
 * marked as forwarded so the owner answers from its own calls and never forwards it again. The
 * owner's answer (status and body) is the answer; an owner that does not answer in time is a 502.
 */
public final class OwnerForward {

    /** Marks a forwarded request; its value is the instance that forwarded it. */
    public static final String FORWARDED_BY = "X-Firstbyte-Forwarded-By";
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final WebClient client;
    private final ThisInstance self;
    private final String operatorToken;

    /** @param operatorToken the operator's bearer token ({@code OPERATOR_TOKEN}); blank: none (development, loopback) */
    public OwnerForward(ThisInstance self, String operatorToken) {
        this.self = self;
        this.operatorToken = operatorToken;
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(TIMEOUT)))
                .build();
    }

    /** {@code method} {@code pathTemplate} (expanded with {@code variables}, each encoded) on {@code owner}. */
    public Mono<ResponseEntity<String>> forward(ClusterCalls.Owner owner, HttpMethod method, String pathTemplate, Object... variables) {
        return client.method(method)
                .uri(owner.url() + pathTemplate, variables)
                .headers(headers -> {
                    headers.set(FORWARDED_BY, self.id());
                    if (!operatorToken.isBlank()) {
                        headers.setBearerAuth(operatorToken);
                    }
                })
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .map(body -> ResponseEntity.status(response.statusCode())
                                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                                .body(body))
                        .defaultIfEmpty(ResponseEntity.status(response.statusCode()).<String>build()))
                .timeout(TIMEOUT)
                .onErrorResume(error -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body("{\"error\":\"the instance that holds this call (" + owner.id() + ") did not answer\"}")));
    }
}
