package io.firstbyte.adapters.telephony.asterisk;

import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One chan_websocket event in either control format: JSON ({@code {"event":"MEDIA_START",…}}) or
 * the older plain text ({@code MEDIA_START connection_id:… format:ulaw}), where a bare word after
 * the name is the correlation id. Channel variables exist only in the JSON form.
 */
record ControlMessage(String name, Map<String, String> fields, Map<String, String> channelVariables, boolean json) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]*");

    static ControlMessage parse(String text) {
        return text.stripLeading().startsWith("{") ? json(Json.parseObject(text)) : plain(text.strip());
    }

    @Nullable String field(String key) {
        return fields.get(key);
    }

    private static ControlMessage json(JsonNode root) {
        String name = Json.text(root, "event");
        Map<String, String> fields = Json.scalars(root);
        fields.remove("event");
        return new ControlMessage(name, fields, Json.scalars(root.path("channel_variables")), true);
    }

    private static ControlMessage plain(String line) {
        String[] words = line.split("\\s+");
        if (!NAME.matcher(words[0]).matches()) {
            throw new DroppedMessage(UNKNOWN_EVENT, "control message " + Abbreviate.of(line));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int colon = words[i].indexOf(':');
            if (colon > 0) {
                fields.put(words[i].substring(0, colon), words[i].substring(colon + 1));
            } else {
                fields.putIfAbsent("correlation_id", words[i]);
            }
        }
        return new ControlMessage(words[0], fields, Map.of(), false);
    }
}
