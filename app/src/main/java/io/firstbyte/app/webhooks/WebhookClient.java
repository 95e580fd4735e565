package io.firstbyte.app.webhooks;

import java.util.Map;
import reactor.core.publisher.Mono;

/** POSTs one JSON body; the answer is the HTTP status (the response body is read and dropped). */
@FunctionalInterface
public interface WebhookClient {

    Mono<Integer> post(String url, Map<String, String> headers, byte[] body);
}
