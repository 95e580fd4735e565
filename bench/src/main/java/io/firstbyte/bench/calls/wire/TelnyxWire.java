package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telnyx Media Streaming in {@code rtp} mode with PCMU (protocols.md 2.1): the stream auth token in
 * {@code x-telnyx-streaming-auth-token}, the numbers in {@code start.from}/{@code start.to}, the
 * other parameters as {@code custom_parameters}; marks echoed, {@code clear} returns pending marks.
 */
final class TelnyxWire implements WebSocketWire {

    static final String AUTH_HEADER = "x-telnyx-streaming-auth-token";

    private final String streamId;
    private final String callControlId;
    private final CallSetup setup;
    private long sequence;
    private long chunk;

    TelnyxWire(String streamId, String callControlId, CallSetup setup) {
        this.streamId = streamId;
        this.callControlId = "v3:" + callControlId;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.TELNYX.path(), setup.hasSecret() ? Map.of(AUTH_HEADER, setup.secret()) : Map.of(), null);
    }

    @Override
    public String callId() {
        return callControlId;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public List<WireMessage> opening() {
        ObjectNode start = WireJson.object().put("user_id", "bench").put("call_control_id", callControlId)
                .put("call_session_id", streamId).put("from", setup.from()).put("to", setup.to());
        ObjectNode custom = start.putObject("custom_parameters");
        setup.parameters().forEach(custom::put);
        start.putObject("media_format").put("encoding", "PCMU").put("sample_rate", 8000).put("channels", 1);
        ObjectNode message = header("start");
        message.set("start", start);
        return List.of(WireJson.text(WireJson.object().put("event", "connected").put("version", "1.0.0")),
                WireJson.text(message));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        chunk++;
        ObjectNode message = header("media");
        message.putObject("media").put("track", "inbound").put("chunk", Long.toString(chunk))
                .put("timestamp", Long.toString((chunk - 1) * 20)).put("payload", Base64.getEncoder().encodeToString(mulawFrame));
        return WireJson.text(message);
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        ObjectNode message = header("mark");
        message.putObject("mark").put("name", name);
        return List.of(WireJson.text(message));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return pendingMarks.stream().flatMap(name -> markPlayed(name).stream()).toList();
    }

    @Override
    public List<WireMessage> hangUp() {
        ObjectNode message = header("stop");
        message.putObject("stop").put("user_id", "bench").put("call_control_id", callControlId);
        return List.of(WireJson.text(message));
    }

    @Override
    public ServerMessage read(WireMessage message) {
        if (!(message instanceof WireMessage.Text text)) {
            return new ServerMessage.Invalid("binary frame on a Telnyx stream");
        }
        JsonNode root = WireJson.parse(text.text()).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String event = root.path("event").asString("");
        return switch (event) {
            case "media" -> WireAudio.base64Mulaw(streamId, root.path("media").path("payload").asString(""));
            case "mark" -> new ServerMessage.Mark(streamId, root.path("mark").path("name").asString(""));
            case "clear" -> new ServerMessage.Clear(streamId);
            default -> WireJson.unexpected("event", event);
        };
    }

    private ObjectNode header(String event) {
        return WireJson.object().put("event", event).put("sequence_number", Long.toString(++sequence)).put("stream_id", streamId);
    }
}
