package io.firstbyte.adapters.telephony.jambonz;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import tools.jackson.databind.node.ObjectNode;

/** Writes jambonz's listen commands; audio goes out as bare binary frames. */
final class JambonzOutbound {

    static final WireMessage KILL_AUDIO = new WireMessage.Text("{\"type\":\"killAudio\"}");
    static final WireMessage DISCONNECT = new WireMessage.Text("{\"type\":\"disconnect\"}");

    private JambonzOutbound() {
    }

    static WireMessage mark(String name) {
        ObjectNode message = Json.newObject().put("type", "mark");
        message.putObject("data").put("name", name);
        return new WireMessage.Text(Json.write(message));
    }
}
