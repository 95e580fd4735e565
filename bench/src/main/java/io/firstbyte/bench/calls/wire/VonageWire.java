package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vonage Voice API WebSocket at 16 kHz (protocols.md 3.4): the NCCO's {@code headers} (numbers,
 * {@code uuid}, parameters, the {@code token}) merged into {@code websocket:connected}, then binary
 * L16 16 kHz in 20 ms frames both ways; {@code notify} answered once played,
 * {@code clear} answered with {@code websocket:cleared}.
 */
final class VonageWire implements WebSocketWire {

    static final int RATE = 16000;

    private final String uuid;
    private final CallSetup setup;
    private final WireAudio audio = WireAudio.l16(RATE);

    VonageWire(String uuid, CallSetup setup) {
        this.uuid = uuid;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.VONAGE.path(), Map.of(), null);
    }

    @Override
    public String callId() {
        return uuid;
    }

    @Override
    public String streamId() {
        return uuid;
    }

    @Override
    public List<WireMessage> opening() {
        ObjectNode connected = WireJson.object().put("event", "websocket:connected")
                .put("content-type", "audio/l16;rate=" + RATE).put("from", setup.from()).put("to", setup.to()).put("uuid", uuid);
        if (setup.hasSecret()) {
            connected.put("token", setup.secret());
        }
        setup.parameters().forEach(connected::put);
        return List.of(WireJson.text(connected));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        return new WireMessage.Binary(audio.fromMulaw(mulawFrame));
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        ObjectNode message = WireJson.object().put("event", "websocket:notify");
        message.putObject("payload").put("name", name);
        return List.of(WireJson.text(message));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return List.of(WireJson.text(WireJson.object().put("event", "websocket:cleared")));
    }

    @Override
    public List<WireMessage> hangUp() {
        return List.of();
    }

    @Override
    public ServerMessage read(WireMessage message) {
        return switch (message) {
            case WireMessage.Binary binary -> WireAudio.l16Media(uuid, binary.bytes(), RATE);
            case WireMessage.Text text -> action(text.text());
        };
    }

    private ServerMessage action(String text) {
        JsonNode root = WireJson.parse(text).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String action = root.path("action").asString("");
        return switch (action) {
            case "notify" -> new ServerMessage.Mark(uuid, root.path("payload").path("name").asString(""));
            case "clear" -> new ServerMessage.Clear(uuid);
            default -> WireJson.unexpected("action", action);
        };
    }
}
