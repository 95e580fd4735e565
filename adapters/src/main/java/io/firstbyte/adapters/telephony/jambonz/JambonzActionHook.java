package io.firstbyte.adapters.telephony.jambonz;

import io.firstbyte.adapters.telephony.common.Json;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code listen} verb's {@code actionHook}: when the listen ends (the server closed its socket or
 * sent {@code disconnect}), jambonz POSTs the call's attributes as JSON, snake_cased ({@code call_sid},
 * {@code from}, {@code to}, {@code call_status}, ...), and runs the verbs of the answer in place of the
 * rest of the application. This reads the call from the request and writes the two answers: a
 * {@code dial} to a phone number (the caller is handed over) or a {@code hangup}.
 */
public final class JambonzActionHook {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private JambonzActionHook() {
    }

    /** The call a hook request is about: {@code call_sid} (or {@code callSid}); empty when neither is there. */
    public static Optional<String> callSid(String body) {
        JsonNode root;
        try {
            root = Json.parseObject(body);
        } catch (RuntimeException notAnObject) {
            return Optional.empty();
        }
        String sid = root.path("call_sid").asString(root.path("callSid").asString(""));
        return sid.isEmpty() ? Optional.empty() : Optional.of(sid);
    }

    /** {@code [{"verb":"dial","target":[{"type":"phone","number":"+1…"}]}]}: connects the caller to {@code e164}. */
    public static String dial(String e164) {
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("a number to dial must be E.164 (+ and 7 to 15 digits)");
        }
        ObjectNode dial = Json.newObject().put("verb", "dial");
        dial.putArray("target").addObject().put("type", "phone").put("number", e164);
        return verbs(dial);
    }

    /** {@code [{"verb":"hangup"}]}: ends the call. */
    public static String hangup() {
        return verbs(Json.newObject().put("verb", "hangup"));
    }

    private static String verbs(ObjectNode verb) {
        ArrayNode application = Json.newObject().arrayNode();
        application.add(verb);
        return Json.write(application);
    }
}
