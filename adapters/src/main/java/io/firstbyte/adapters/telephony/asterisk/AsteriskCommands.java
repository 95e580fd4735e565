package io.firstbyte.adapters.telephony.asterisk;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import tools.jackson.databind.node.ObjectNode;

/** chan_websocket commands (case-sensitive, TEXT frames), written in the control format the channel uses. */
final class AsteriskCommands {

    private AsteriskCommands() {
    }

    static WireMessage command(String name, boolean json) {
        return new WireMessage.Text(json ? Json.write(Json.newObject().put("command", name)) : name);
    }

    static WireMessage markMedia(String correlationId) {
        ObjectNode message = Json.newObject().put("command", "MARK_MEDIA").put("correlation_id", correlationId);
        return new WireMessage.Text(Json.write(message));
    }
}
