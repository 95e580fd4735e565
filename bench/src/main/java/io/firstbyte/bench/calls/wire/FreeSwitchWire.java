package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * FreeSWITCH mod_audio_stream, community edition (protocols.md 3.1):
 * {@code uuid_audio_stream <uuid> start <url> mono 8k <metadata>} with the numbers in the metadata
 * JSON (the first text frame), {@code STREAM_EXTRA_HEADERS} carrying {@code Authorization: Bearer},
 * no subprotocol, then binary L16 8 kHz. The server answers with {@code streamAudio} files and
 * {@code killAudio}; the module acknowledges no playback, and the caller hangs up by closing.
 */
final class FreeSwitchWire implements WebSocketWire {

    private static final int RATE = 8000;

    private final String uuid;
    private final CallSetup setup;
    private final WireAudio audio = WireAudio.l16(RATE);

    FreeSwitchWire(String uuid, CallSetup setup) {
        this.uuid = uuid;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.FREESWITCH.path(),
                setup.hasSecret() ? Map.of("Authorization", "Bearer " + setup.secret()) : Map.of(), null);
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
        ObjectNode metadata = WireJson.object().put("uuid", uuid).put("from", setup.from()).put("to", setup.to())
                .put("sampleRate", RATE);
        setup.parameters().forEach(metadata::put);
        return List.of(WireJson.text(metadata));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        return new WireMessage.Binary(audio.fromMulaw(mulawFrame));
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        return List.of();
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
        if (!(message instanceof WireMessage.Text text)) {
            return new ServerMessage.Invalid("binary frame to mod_audio_stream (community edition)");
        }
        JsonNode root = WireJson.parse(text.text()).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String type = root.path("type").asString("");
        return switch (type) {
            case "streamAudio" -> streamAudio(root.path("data"));
            case "killAudio" -> new ServerMessage.Clear(uuid);
            case "disconnect" -> new ServerMessage.Ignored(type);
            default -> WireJson.unexpected("type", type);
        };
    }

    private ServerMessage streamAudio(JsonNode data) {
        String kind = data.path("audioDataType").asString("");
        if (!"raw".equals(kind)) {
            return WireJson.unexpected("audioDataType", kind);
        }
        return WireAudio.base64L16(uuid, data.path("audioData").asString(""), data.path("sampleRate").asInt(RATE));
    }
}
