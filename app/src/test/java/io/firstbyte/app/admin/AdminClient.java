package io.firstbyte.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests to a running server as an admin (or anyone) would send them, each asserting its status. */
public final class AdminClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;
    private final String token;

    public AdminClient(int port, String token) {
        this.http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
        this.token = token;
    }

    /** The answer's JSON (an empty object for an empty body), after checking its status. */
    public JsonNode send(HttpMethod method, String path, @Nullable String body, int status) {
        return exchange(method, path, "Bearer " + token, body, status).body();
    }

    public JsonNode get(String path) {
        return send(HttpMethod.GET, path, null, 200);
    }

    public JsonNode post(String path, String body) {
        return send(HttpMethod.POST, path, body, 201);
    }

    public JsonNode put(String path, String body) {
        return send(HttpMethod.PUT, path, body, 200);
    }

    public JsonNode patch(String path, String body) {
        return send(HttpMethod.PATCH, path, body, 200);
    }

    /** An answer: status, Location header and JSON body. */
    public record Answer(int status, @Nullable String location, JsonNode body) {
    }

    /** Sends with the given Authorization header (null: none). */
    public Answer exchange(HttpMethod method, String path, @Nullable String authorization, @Nullable String body, int status) {
        var request = http.method(method).uri(path).headers(headers -> {
            if (authorization != null) {
                headers.set(HttpHeaders.AUTHORIZATION, authorization);
            }
        });
        var response = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        EntityExchangeResult<String> result = response.expectBody(String.class).returnResult();
        String text = result.getResponseBody();
        assertThat(result.getStatus().value()).as(method + " " + path + " answered " + text).isEqualTo(status);
        return new Answer(result.getStatus().value(), result.getResponseHeaders().getFirst(HttpHeaders.LOCATION),
                text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
    }

    /** A request with a tenant API key, as an /api client sends it. */
    public JsonNode api(HttpMethod method, String path, String apiKey, @Nullable String body, int status) {
        return exchange(method, path, "Bearer " + apiKey, body, status).body();
    }
}
