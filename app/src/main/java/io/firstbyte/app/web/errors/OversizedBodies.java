package io.firstbyte.app.web.errors;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every request body is read through the codecs' one in-memory limit
 * ({@code spring.http.codecs.max-in-memory-size}); a body over it fails wherever it is read (a form,
 * a JSON argument, a raw webhook body) with {@link DataBufferLimitException}, or Spring's own 413
 * exception for a {@code @RequestBody}. Whichever it is, and whatever handler it passed through,
 * it ends here as {@code 413} with {@code {"error": "..."}}: never a 500, and never mistaken for
 * the booking system being unreachable.
 */
public final class OversizedBodies implements WebExceptionHandler {

    private final byte[] body;

    public OversizedBodies(DataSize limit) {
        this.body = ("{\"error\":\"the request body is larger than the " + describe(limit) + " this server accepts\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code error}, or one of its causes, says a request body was over the limit. */
    public static boolean isOversized(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataBufferLimitException
                    || cause instanceof ResponseStatusException status && status.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (!isOversized(error) || response.isCommitted()) {
            return Mono.error(error);
        }
        response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private static String describe(DataSize limit) {
        long bytes = limit.toBytes();
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
