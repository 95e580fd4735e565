package io.firstbyte.app.web.tools;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** Reads a webhook body as raw bytes (signatures are checked on them), bounded in size. */
final class WebhookBodies {

    static final int MAX_BYTES = 256 * 1024;

    private WebhookBodies() {
    }

    static Mono<byte[]> raw(ServerRequest request) {
        return DataBufferUtils.join(request.body((message, context) -> message.getBody()), MAX_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
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
