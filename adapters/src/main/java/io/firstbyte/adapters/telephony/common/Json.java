package io.firstbyte.adapters.telephony.common;

import static io.firstbyte.adapters.telephony.common.DropKind.INVALID_BASE64;
import static io.firstbyte.adapters.telephony.common.DropKind.MALFORMED_JSON;
import static io.firstbyte.adapters.telephony.common.DropKind.MISSING_FIELD;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lenient reads of the gateways' JSON (unknown fields ignored; integers accepted as numbers or as
 * strings) and strict writes. A required field that is absent throws {@link DroppedMessage}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Parses one message that must be a JSON object. */
    public static JsonNode parseObject(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            // The parser's message may quote the input, so only the exception type is kept.
            throw new DroppedMessage(MALFORMED_JSON, "unparseable (" + notJson.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new DroppedMessage(MALFORMED_JSON, "not a JSON object");
        }
        return root;
    }

    public static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw missing(field);
        }
        return node;
    }

    public static String text(JsonNode parent, String field) {
        String value = optionalText(parent, field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** A string or integral number as text, or null when the field is absent or of another type. */
    public static @Nullable String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        return node.isString() || node.isIntegralNumber() ? node.asString() : null;
    }

    public static long integer(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        try {
            return Long.parseLong(text(parent, field).strip());
        } catch (NumberFormatException notAnInteger) {
            throw missing(field);
        }
    }

    /** The integer in {@code field}, or {@code fallback} when the field is absent. */
    public static long integer(JsonNode parent, String field, long fallback) {
        return parent.has(field) ? integer(parent, field) : fallback;
    }

    /** Every string, number and boolean member of an object, as text; nested values and nulls are skipped. */
    public static Map<String, String> scalars(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.forEachEntry((name, value) -> {
            if (value.isValueNode() && !value.isNull()) {
                values.put(name, value.asString());
            }
        });
        return values;
    }

    public static byte[] base64(String payload) {
        try {
            return Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException notBase64) {
            throw new DroppedMessage(INVALID_BASE64, "payload of " + payload.length() + " chars is not base64");
        }
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode message) {
        return MAPPER.writeValueAsString(message);
    }

    private static DroppedMessage missing(String field) {
        return new DroppedMessage(MISSING_FIELD, "no usable \"" + field + "\"");
    }
}
