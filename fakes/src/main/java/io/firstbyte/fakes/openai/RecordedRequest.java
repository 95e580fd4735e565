package io.firstbyte.fakes.openai;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One request the fake received: path, headers (lower-case names), body, and the client's port (one per connection). */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body, int clientPort) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        return JSON.readTree(body);
    }

    public String header(String name) {
        return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }
}
