package io.firstbyte.adapters.telephony.vonage;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import tools.jackson.databind.node.ObjectNode;

/** Writes Vonage's control actions; audio goes out as bare binary frames. */
final class VonageOutbound {

    static final WireMessage CLEAR = new WireMessage.Text("{\"action\":\"clear\"}");

    private VonageOutbound() {
    }

    static WireMessage notify(String name) {
        ObjectNode message = Json.newObject().put("action", "notify");
        message.putObject("payload").put("name", name);
        return new WireMessage.Text(Json.write(message));
    }
}
