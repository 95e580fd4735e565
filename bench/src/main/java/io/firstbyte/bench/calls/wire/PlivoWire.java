package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plivo Audio Streams, bidirectional, mu-law 8 kHz (protocols.md 2.2): no {@code connected}, the
 * numbers and parameters in {@code extra_headers} (letters and digits only, so numbers lose their
 * {@code +} and parameters with other characters, such as {@code lines}, cannot be carried: the
 * server then plays its default script), {@code token} there too; a {@code checkpoint} is answered
 * by {@code playedStream} once played; after {@code clearAudio}, {@code clearedAudio} and no answer.
 */
final class PlivoWire implements WebSocketWire {

    private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

    private final String streamId;
    private final String callId;
    private final CallSetup setup;
    private long sequence;
    private long chunk;

    PlivoWire(String streamId, String callId, CallSetup setup) {
        this.streamId = streamId;
        this.callId = callId;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.PLIVO.path(), Map.of(), null);
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    /** {@code extraHeaders} as Plivo forwards it: {@code From=1555…,To=1555…,token=…}. */
    String extraHeaders() {
        StringJoiner headers = new StringJoiner(",");
        headers.add("From=" + setup.from().replace("+", "")).add("To=" + setup.to().replace("+", ""));
        if (setup.hasSecret()) {
            headers.add("token=" + setup.secret());
        }
        setup.parameters().forEach((name, value) -> {
            if (ALPHANUMERIC.matcher(name).matches() && ALPHANUMERIC.matcher(value).matches()) {
                headers.add(name + "=" + value);
            }
        });
        return headers.toString();
    }

    @Override
    public List<WireMessage> opening() {
        ObjectNode message = WireJson.object().put("event", "start").put("sequenceNumber", ++sequence);
        ObjectNode start = message.putObject("start").put("callId", callId).put("streamId", streamId).put("accountId", "MABENCH");
        start.putArray("tracks").add("inbound");
        start.putObject("mediaFormat").put("encoding", "audio/x-mulaw").put("sampleRate", 8000);
        message.put("extra_headers", extraHeaders());
        return List.of(WireJson.text(message));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        chunk++;
        ObjectNode message = WireJson.object().put("event", "media").put("sequenceNumber", ++sequence).put("streamId", streamId);
        message.putObject("media").put("track", "inbound").put("timestamp", Long.toString(System.currentTimeMillis()))
                .put("chunk", chunk).put("payload", Base64.getEncoder().encodeToString(mulawFrame));
        return WireJson.text(message);
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        return List.of(WireJson.text(WireJson.object().put("event", "playedStream").put("sequenceNumber", ++sequence)
                .put("streamId", streamId).put("name", name)));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return List.of(WireJson.text(WireJson.object().put("event", "clearedAudio").put("sequenceNumber", ++sequence)
                .put("streamId", streamId)));
    }

    @Override
    public List<WireMessage> hangUp() {
        return List.of(WireJson.text(WireJson.object().put("event", "stop").put("sequenceNumber", ++sequence).put("streamId", streamId)));
    }

    @Override
    public ServerMessage read(WireMessage message) {
        if (!(message instanceof WireMessage.Text text)) {
            return new ServerMessage.Invalid("binary frame on a Plivo stream");
        }
        JsonNode root = WireJson.parse(text.text()).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String event = root.path("event").asString("");
        return switch (event) {
            case "playAudio" -> playAudio(root.path("media"));
            case "checkpoint" -> new ServerMessage.Mark(streamId, root.path("name").asString(""));
            case "clearAudio" -> new ServerMessage.Clear(streamId);
            default -> WireJson.unexpected("event", event);
        };
    }

    private ServerMessage playAudio(JsonNode media) {
        String type = media.path("contentType").asString("");
        String payload = media.path("payload").asString("");
        return switch (type) {
            case "audio/x-mulaw" -> WireAudio.base64Mulaw(streamId, payload);
            case "audio/x-l16" -> WireAudio.base64L16(streamId, payload, media.path("sampleRate").asInt(8000));
            default -> WireJson.unexpected("contentType", type);
        };
    }
}
