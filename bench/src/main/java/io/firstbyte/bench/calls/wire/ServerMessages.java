package io.firstbyte.bench.calls.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads the server's Twilio text frames leniently (unknown fields ignored) into {@link ServerMessage}s. */
public final class ServerMessages {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_EVENT_NAME = 40;

    private ServerMessages() {
    }

    public static ServerMessage parse(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String streamSid = message.path("streamSid").asString("");
        return switch (message.path("event").asString("")) {
            case "media" -> media(streamSid, message.path("media").path("payload").asString(""));
            case "mark" -> new ServerMessage.Mark(streamSid, message.path("mark").path("name").asString(""));
            case "clear" -> new ServerMessage.Clear(streamSid);
            case "" -> new ServerMessage.Invalid("message without event");
            default -> new ServerMessage.Invalid("unexpected event " + abbreviated(message.path("event").asString("")));
        };
    }

    private static String abbreviated(String event) {
        return event.length() <= MAX_EVENT_NAME ? event : event.substring(0, MAX_EVENT_NAME) + "…";
    }

    private static ServerMessage media(String streamSid, String payload) {
        return WireAudio.base64Mulaw(streamSid, payload);
    }
}
