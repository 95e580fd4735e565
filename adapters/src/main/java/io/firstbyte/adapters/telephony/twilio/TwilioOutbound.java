package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes the three messages a bidirectional stream accepts (protocols.md 1.5), nothing more. */
final class TwilioOutbound {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private TwilioOutbound() {
    }

    static WireMessage media(String streamSid, byte[] mulaw) {
        ObjectNode message = envelope("media", streamSid);
        message.putObject("media").put("payload", Base64.getEncoder().encodeToString(mulaw));
        return text(message);
    }

    static WireMessage mark(String streamSid, String name) {
        ObjectNode message = envelope("mark", streamSid);
        message.putObject("mark").put("name", name);
        return text(message);
    }

    static WireMessage clear(String streamSid) {
        return text(envelope("clear", streamSid));
    }

    private static ObjectNode envelope(String event, String streamSid) {
        return JSON.createObjectNode().put("event", event).put("streamSid", streamSid);
    }

    private static WireMessage text(ObjectNode message) {
        return new WireMessage.Text(JSON.writeValueAsString(message));
    }
}
