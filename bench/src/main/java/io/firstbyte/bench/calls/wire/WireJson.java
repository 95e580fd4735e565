package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON for the gateway wires: building objects, writing text frames, reading leniently. */
final class WireJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_NAME = 40;

    private WireJson() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static WireMessage.Text text(ObjectNode message) {
        return new WireMessage.Text(JSON.writeValueAsString(message));
    }

    static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static ServerMessage unexpected(String kind, String name) {
        return new ServerMessage.Invalid("unexpected " + kind + " " + (name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…"));
    }
}
