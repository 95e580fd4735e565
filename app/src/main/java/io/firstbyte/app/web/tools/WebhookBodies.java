package io.firstbyte.app.web.tools;

import java.nio.charset.StandardCharsets;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Reads a webhook body as raw bytes (signatures are checked on them), bounded by the codecs'
 * in-memory limit like every other body; over it, the request gets 413 (see OversizedBodies).
 */
final class WebhookBodies {

    private WebhookBodies() {
    }

    static Mono<byte[]> raw(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    static boolean sameSecret(String expected, String given) {
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }


    /** A dialled number from a query parameter; an unencoded '+' arrives as a space. */
    static String numberParam(ServerRequest request, String name) {
        String value = request.queryParam(name).orElse("");
        return value.startsWith(" ") ? "+" + value.strip() : value;
    }
}
