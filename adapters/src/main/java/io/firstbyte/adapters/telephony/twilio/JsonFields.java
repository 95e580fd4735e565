package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.MISSING_FIELD;

import tools.jackson.databind.JsonNode;

/** Lenient reads of required fields: strings or plain numbers are both accepted as text. */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isObject()) {
            throw missing(field);
        }
        return node;
    }

    static String text(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (node.isString() || node.isIntegralNumber()) {
            return node.asString();
        }
        throw missing(field);
    }

    /** Twilio sends integers as strings ({@code "20"}); a plain number is accepted too. */
    static long integer(JsonNode parent, String field) {
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

    private static DroppedMessage missing(String field) {
        return new DroppedMessage(MISSING_FIELD, "no usable \"" + field + "\"");
    }
}
