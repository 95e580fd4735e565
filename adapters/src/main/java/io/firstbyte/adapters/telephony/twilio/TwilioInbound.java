package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.INVALID_BASE64;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.MALFORMED_JSON;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.OUTBOUND_TRACK;
import static io.firstbyte.adapters.telephony.twilio.TwilioDropKind.PARTIAL_FRAME;

import io.firstbyte.adapters.telephony.common.Abbreviate;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads Twilio's messages (protocols.md 1.4) leniently: unknown fields are ignored. */
final class TwilioInbound {

    static final AudioFormat FORMAT = AudioFormat.MULAW_8K;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int FRAME_BYTES = FORMAT.bytesPerFrame();

    private TwilioInbound() {
    }

    static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException notJson) {
            // The parser's message may quote the input, so only the exception type is kept.
            throw new DroppedMessage(MALFORMED_JSON, "unparseable (" + notJson.getClass().getSimpleName() + ")");
        }
        if (!root.isObject()) {
            throw new DroppedMessage(MALFORMED_JSON, "not a JSON object");
        }
        return root;
    }

    static String event(JsonNode root) {
        return JsonFields.text(root, "event");
    }

    static CallStarted start(JsonNode root) {
        JsonNode start = JsonFields.object(root, "start");
        String streamSid = JsonFields.text(root.path("streamSid").isString() ? root : start, "streamSid");
        String callSid = JsonFields.text(start, "callSid");
        return new CallStarted(streamSid, callSid, customParameters(start.path("customParameters")), FORMAT);
    }

    /** Only the caller's track reaches the pipeline; a message without a track is the caller's. */
    static AudioIn media(JsonNode root) {
        JsonNode media = JsonFields.object(root, "media");
        String track = media.has("track") ? JsonFields.text(media, "track") : "inbound";
        if (!track.equals("inbound")) {
            throw new DroppedMessage(OUTBOUND_TRACK, "track " + Abbreviate.of(track));
        }
        byte[] audio = wholeFrames(base64(JsonFields.text(media, "payload")));
        return new AudioIn(audio, FORMAT, JsonFields.integer(media, "timestamp"));
    }

    static Dtmf dtmf(JsonNode root) {
        return new Dtmf(JsonFields.text(JsonFields.object(root, "dtmf"), "digit"));
    }

    static MarkPlayed mark(JsonNode root) {
        return new MarkPlayed(JsonFields.text(JsonFields.object(root, "mark"), "name"));
    }

    private static Map<String, String> customParameters(JsonNode parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEachEntry((name, value) -> {
            if (value.isValueNode() && !value.isNull()) {
                values.put(name, value.asString());
            }
        });
        return values;
    }

    private static byte[] base64(String payload) {
        try {
            return Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException notBase64) {
            throw new DroppedMessage(INVALID_BASE64, "payload of " + payload.length() + " chars is not base64");
        }
    }

    private static byte[] wholeFrames(byte[] audio) {
        if (audio.length == 0 || audio.length % FRAME_BYTES != 0) {
            throw new DroppedMessage(PARTIAL_FRAME,
                    "payload of " + audio.length + " bytes is not a whole number of " + FRAME_BYTES + "-byte frames");
        }
        return audio;
    }
}
