package io.firstbyte.adapters.telephony.telnyx;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/** Writes the three messages a bidirectional ({@code rtp} mode) stream accepts; no stream id is needed. */
final class TelnyxOutbound {

    private TelnyxOutbound() {
    }

    static WireMessage media(byte[] mulaw) {
        ObjectNode message = event("media");
        message.putObject("media").put("payload", Base64.getEncoder().encodeToString(mulaw));
        return text(message);
    }

    static WireMessage mark(String name) {
        ObjectNode message = event("mark");
        message.putObject("mark").put("name", name);
        return text(message);
    }

    static WireMessage clear() {
        return text(event("clear"));
    }

    private static ObjectNode event(String event) {
        return Json.newObject().put("event", event);
    }

    private static WireMessage text(ObjectNode message) {
        return new WireMessage.Text(Json.write(message));
    }
}
