package io.firstbyte.adapters.telephony.plivo;

import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/** Writes {@code playAudio} (mu-law 8 kHz), {@code checkpoint} and {@code clearAudio}. */
final class PlivoOutbound {

    private PlivoOutbound() {
    }

    static WireMessage playAudio(byte[] mulaw) {
        ObjectNode message = Json.newObject().put("event", "playAudio");
        message.putObject("media").put("contentType", "audio/x-mulaw").put("sampleRate", 8000)
                .put("payload", Base64.getEncoder().encodeToString(mulaw));
        return text(message);
    }

    static WireMessage checkpoint(String streamId, String name) {
        return text(Json.newObject().put("event", "checkpoint").put("streamId", streamId).put("name", name));
    }

    static WireMessage clearAudio(String streamId) {
        return text(Json.newObject().put("event", "clearAudio").put("streamId", streamId));
    }

    private static WireMessage text(ObjectNode message) {
        return new WireMessage.Text(Json.write(message));
    }
}
