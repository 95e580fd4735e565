package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asterisk chan_websocket, {@code Dial(WebSocket/firstbyte/c(ulaw)f(json)v(caller=…,called=…))}
 * (protocols.md 3.5): the {@code v()} options as the URL's query, subprotocol {@code media},
 * {@code websocket_client.conf}'s username and password as HTTP Basic, {@code MEDIA_START} first,
 * then binary mu-law both ways; {@code MARK_MEDIA} answered with {@code MEDIA_MARK_PROCESSED}.
 */
final class AsteriskWire implements WebSocketWire {

    static final String SUBPROTOCOL = "media";
    static final String USERNAME = "asterisk";

    private final String connectionId;
    private final String channelId;
    private final CallSetup setup;

    AsteriskWire(String connectionId, String channelId, CallSetup setup) {
        this.connectionId = connectionId;
        this.channelId = channelId;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("caller", setup.from());
        query.put("called", setup.to());
        query.putAll(setup.parameters());
        String encoded = query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return new Upgrade(Gateway.ASTERISK.path() + "?" + encoded,
                setup.hasSecret() ? Map.of("Authorization", JambonzWire.basic(USERNAME, setup.secret())) : Map.of(), SUBPROTOCOL);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String callId() {
        return channelId;
    }

    @Override
    public String streamId() {
        return connectionId;
    }

    @Override
    public List<WireMessage> opening() {
        ObjectNode start = WireJson.object().put("event", "MEDIA_START").put("connection_id", connectionId)
                .put("channel", "WebSocket/firstbyte/0x7f01").put("channel_id", channelId).put("format", "ulaw")
                .put("optimal_frame_size", 160).put("ptime", 20);
        start.putObject("channel_variables").put("CALLERID(num)", setup.from());
        return List.of(WireJson.text(start));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        return new WireMessage.Binary(mulawFrame.clone());
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        return List.of(WireJson.text(WireJson.object().put("event", "MEDIA_MARK_PROCESSED").put("connection_id", connectionId)
                .put("correlation_id", name)));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return List.of();
    }

    @Override
    public List<WireMessage> hangUp() {
        return List.of();
    }

    @Override
    public ServerMessage read(WireMessage message) {
        return switch (message) {
            case WireMessage.Binary binary -> WireAudio.mulawMedia(connectionId, binary.bytes());
            case WireMessage.Text text -> command(text.text());
        };
    }

    private ServerMessage command(String text) {
        JsonNode root = WireJson.parse(text).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String command = root.path("command").asString("");
        return switch (command) {
            case "MARK_MEDIA" -> new ServerMessage.Mark(connectionId, root.path("correlation_id").asString(""));
            case "FLUSH_MEDIA" -> new ServerMessage.Clear(connectionId);
            case "HANGUP", "GET_STATUS", "REPORT_QUEUE_DRAINED", "START_MEDIA_BUFFERING", "STOP_MEDIA_BUFFERING" ->
                    new ServerMessage.Ignored(command);
            default -> WireJson.unexpected("command", command);
        };
    }
}
