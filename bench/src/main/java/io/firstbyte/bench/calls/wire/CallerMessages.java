package io.firstbyte.bench.calls.wire;

import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the messages Twilio sends on a bidirectional Media Stream, field for field as in
 * protocols.md section 1.4: {@code sequenceNumber}, {@code chunk} and {@code timestamp} are strings.
 */
public final class CallerMessages {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StreamIds ids;
    private final String quotedStreamSid;

    public CallerMessages(StreamIds ids) {
        this.ids = ids;
        this.quotedStreamSid = JSON.writeValueAsString(ids.streamSid());
    }

    public StreamIds ids() {
        return ids;
    }

    public String connected() {
        return write(JSON.createObjectNode().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
    }

    public String start(long sequenceNumber, Map<String, String> customParameters) {
        ObjectNode start = JSON.createObjectNode()
                .put("streamSid", ids.streamSid())
                .put("accountSid", ids.accountSid())
                .put("callSid", ids.callSid());
        start.putArray("tracks").add("inbound");
        ObjectNode parameters = start.putObject("customParameters");
        customParameters.forEach(parameters::put);
        start.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1);
        ObjectNode message = header("start", sequenceNumber);
        message.set("start", start);
        return write(message);
    }

    /**
     * One inbound media frame; {@code chunk} counts from 1, {@code timestampMillis} from the stream start.
     * {@code payloadBase64} is base64 and written as it is. Fifty of these a second per call: written
     * straight into one builder, not through a JSON tree.
     */
    public String media(long sequenceNumber, long chunk, long timestampMillis, String payloadBase64) {
        return new StringBuilder(160 + payloadBase64.length())
                .append("{\"event\":\"media\",\"sequenceNumber\":\"").append(sequenceNumber)
                .append("\",\"streamSid\":").append(quotedStreamSid)
                .append(",\"media\":{\"track\":\"inbound\",\"chunk\":\"").append(chunk)
                .append("\",\"timestamp\":\"").append(timestampMillis)
                .append("\",\"payload\":\"").append(payloadBase64)
                .append("\"}}")
                .toString();
    }

    /** The echo of a mark the server sent, once the audio before it has played (or was cleared). */
    public String mark(long sequenceNumber, String name) {
        ObjectNode message = header("mark", sequenceNumber);
        message.putObject("mark").put("name", name);
        return write(message);
    }

    public String stop(long sequenceNumber) {
        ObjectNode message = header("stop", sequenceNumber);
        message.putObject("stop").put("accountSid", ids.accountSid()).put("callSid", ids.callSid());
        return write(message);
    }

    private ObjectNode header(String event, long sequenceNumber) {
        return JSON.createObjectNode()
                .put("event", event)
                .put("sequenceNumber", Long.toString(sequenceNumber))
                .put("streamSid", ids.streamSid());
    }

    private static String write(ObjectNode message) {
        return JSON.writeValueAsString(message);
    }
}
