package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * jambonz {@code listen} with streaming bidirectional audio at 8 kHz (protocols.md 3.3): subprotocol
 * {@code audio.jambonz.org}, {@code wsAuth} as HTTP Basic, the call's attributes plus the verb's
 * metadata as the first text frame, then binary L16 both ways; a {@code mark} is answered with a
 * {@code playout} event once played, or {@code cleared} when {@code killAudio} drops it.
 */
final class JambonzWire implements WebSocketWire {

    static final String SUBPROTOCOL = "audio.jambonz.org";
    static final String USERNAME = "jambonz";
    private static final int RATE = 8000;

    private final String callSid;
    private final CallSetup setup;
    private final WireAudio audio = WireAudio.l16(RATE);

    JambonzWire(String callSid, CallSetup setup) {
        this.callSid = callSid;
        this.setup = setup;
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.JAMBONZ.path(),
                setup.hasSecret() ? Map.of("Authorization", basic(USERNAME, setup.secret())) : Map.of(), SUBPROTOCOL);
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String callId() {
        return callSid;
    }

    @Override
    public String streamId() {
        return callSid;
    }

    @Override
    public List<WireMessage> opening() {
        ObjectNode attributes = WireJson.object().put("callSid", callSid).put("direction", "inbound")
                .put("from", setup.from()).put("to", setup.to()).put("callId", callSid + "@sip.example.com")
                .put("accountSid", "bench-account").put("applicationSid", "bench-application")
                .put("callerName", setup.from()).put("callStatus", "in-progress").put("sipStatus", 200)
                .put("sampleRate", RATE).put("mixType", "mono");
        setup.parameters().forEach(attributes::put);
        return List.of(WireJson.text(attributes));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        return new WireMessage.Binary(audio.fromMulaw(mulawFrame));
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        return List.of(markEvent(name, "playout"));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return pendingMarks.stream().map(name -> markEvent(name, "cleared")).toList();
    }

    @Override
    public List<WireMessage> hangUp() {
        return List.of();
    }

    @Override
    public ServerMessage read(WireMessage message) {
        return switch (message) {
            case WireMessage.Binary binary -> WireAudio.l16Media(callSid, binary.bytes(), RATE);
            case WireMessage.Text text -> command(text.text());
        };
    }

    private ServerMessage command(String text) {
        JsonNode root = WireJson.parse(text).orElse(null);
        if (root == null) {
            return new ServerMessage.Invalid("malformed JSON");
        }
        String type = root.path("type").asString("");
        return switch (type) {
            case "mark" -> new ServerMessage.Mark(callSid, root.path("data").path("name").asString(""));
            case "killAudio" -> new ServerMessage.Clear(callSid);
            case "clearMarks", "disconnect" -> new ServerMessage.Ignored(type);
            default -> WireJson.unexpected("type", type);
        };
    }

    private static WireMessage markEvent(String name, String event) {
        ObjectNode message = WireJson.object().put("type", "mark");
        message.putObject("data").put("name", name).put("event", event);
        return WireJson.text(message);
    }
}
