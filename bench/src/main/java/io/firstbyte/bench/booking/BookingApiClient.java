package io.firstbyte.bench.booking;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small non-blocking HTTP client for the booking API (keep-alive pool sized for the highest concurrency). */
final class BookingApiClient implements AutoCloseable {

    record Answer(int status, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConnectionProvider pool;
    private final HttpClient http;

    BookingApiClient(String baseUrl, int maxConnections) {
        this.pool = ConnectionProvider.builder("booking-bench").maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxConnections * 4).build();
        this.http = HttpClient.create(pool).baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(5));
    }

    Mono<Answer> send(HttpMethod method, String path, String apiKey) {
        return http.headers(headers -> headers.add("Authorization", "Bearer " + apiKey))
                .request(method).uri(path)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), text)));
    }

    Mono<Double> metric(String name, String tag) {
        return http.get().uri("/actuator/metrics/" + name + "?tag=" + tag)
                .responseSingle((response, body) -> body.asString())
                .map(text -> {
                    JsonNode json = JSON.readTree(text);
                    return json.path("measurements").path(0).path("value").asDouble(0);
                })
                .onErrorReturn(-1.0);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
