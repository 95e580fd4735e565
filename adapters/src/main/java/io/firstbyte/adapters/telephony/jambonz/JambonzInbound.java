package io.firstbyte.adapters.telephony.jambonz;

import static io.firstbyte.adapters.telephony.common.DropKind.UNKNOWN_EVENT;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.adapters.telephony.common.DroppedMessage;
import io.firstbyte.adapters.telephony.common.Json;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads jambonz's messages (protocols.md 3.3): the call's metadata first, then events. */
final class JambonzInbound {

    record Start(CallStarted started, AudioFormat format) {
    }

    private JambonzInbound() {
    }

    /** The first text frame: the call's attributes, {@code sampleRate}, and the verb's {@code metadata}. */
    static Start metadata(JsonNode root) {
        String callSid = Json.text(root, "callSid");
        Map<String, String> parameters = Json.scalars(root);
        // jambonz merges the verb's metadata into the frame; should a version nest it, read it there too.
        Json.scalars(root.path("metadata")).forEach(parameters::putIfAbsent);
        int rate = (int) Math.clamp(Json.integer(root, "sampleRate", 8000), 1, 192_000);
        CallStarted started = new CallStarted(callSid, callSid, CallerNumbers.withFromAndTo(parameters), AudioFormat.MULAW_8K);
        return new Start(started, new AudioFormat(AudioEncoding.PCM16LE, rate));
    }

    /** True for the metadata frame's shape: the call's attributes, not a typed event. */
    static boolean isMetadata(JsonNode root) {
        return !root.has("type") && !root.has("event");
    }

    static List<InboundEvent> event(JsonNode root) {
        if (root.has("type")) {
            return typed(Json.text(root, "type"), root);
        }
        String event = Json.text(root, "event");
        if (event.equals("dtmf")) {
            return List.of(new Dtmf(Json.text(root, "dtmf")));
        }
        throw new DroppedMessage(UNKNOWN_EVENT, "event " + Abbreviate.of(event));
    }

    /** A mark reached ({@code playout}) is an echo; one dropped by {@code killAudio} ({@code cleared}) is not. */
    private static List<InboundEvent> typed(String type, JsonNode root) {
        if (!type.equals("mark")) {
            throw new DroppedMessage(UNKNOWN_EVENT, "type " + Abbreviate.of(type));
        }
        JsonNode data = Json.object(root, "data");
        String name = Json.text(data, "name");
        return "cleared".equals(Json.optionalText(data, "event")) ? List.of() : List.of(new MarkPlayed(name));
    }
}
