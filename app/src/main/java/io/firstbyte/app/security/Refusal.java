package io.firstbyte.app.security;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Why a request is refused: its status and a one-line message saying what is missing (a variable
 * to set, a credential to send), never a secret. A rule that refuses leaves it on the exchange for
 * the chain's handlers, which write it as {@code {"error": "..."}} (and, for a page that needs a
 * sign-in, with {@code location} to go to).
 */
public record Refusal(HttpStatus status, String message, @Nullable String location) {

    public Refusal(HttpStatus status, String message) {
        this(status, message, null);
    }

    static final String ATTRIBUTE = Refusal.class.getName();

    static Refusal unauthorized(String message) {
        return new Refusal(HttpStatus.UNAUTHORIZED, message);
    }

    static Refusal forbidden(String message) {
        return new Refusal(HttpStatus.FORBIDDEN, message);
    }

    /** To a browser page that needs a sign-in first: 303 to {@code signIn}. */
    static Refusal signIn(String signIn, String message) {
        return new Refusal(HttpStatus.SEE_OTHER, message, signIn);
    }

    static final Refusal NOT_FOUND = new Refusal(HttpStatus.NOT_FOUND, "no such route");

    void leaveOn(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    /** The refusal a rule left on the exchange, or {@code otherwise}. */
    static Refusal on(ServerWebExchange exchange, Refusal otherwise) {
        return exchange.getAttribute(ATTRIBUTE) instanceof Refusal refusal ? refusal : otherwise;
    }

    Mono<Void> write(ServerHttpResponse response) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        if (location != null) {
            response.getHeaders().set(HttpHeaders.LOCATION, location);
        }
        byte[] body = ("{\"error\":\"" + escaped(message) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
