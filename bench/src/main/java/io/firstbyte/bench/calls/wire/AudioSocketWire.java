package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asterisk's {@code AudioSocket(<uuid>,host:port)} (protocols.md 3.6) over TCP: the dial plan first
 * registers the call's numbers and parameters under the UUID it chose ({@code POST
 * /audiosocket/calls}, HTTP Basic when a password is set), then Asterisk connects and sends the
 * UUID frame, 320-byte slin 8 kHz frames every 20 ms, and a hang-up frame at the end. Every frame
 * is {@code [kind][length, 2 bytes big-endian][payload]}. There are no marks and no clear: on a
 * barge-in the server stops sending ({@link #clearsByStopping()}).
 */
public final class AudioSocketWire implements GatewayWire {

    public static final String REGISTRATION_PATH = "/audiosocket/calls";
    public static final int HEADER_BYTES = 3;
    public static final int MAX_PAYLOAD = 0xFFFF;

    static final int KIND_HANGUP = 0x00;
    static final int KIND_UUID = 0x01;
    static final int KIND_SLIN = 0x10;
    private static final int RATE = 8000;

    /** The dial plan's registration: a form posted to {@link #REGISTRATION_PATH}, with its headers. */
    public record Registration(Map<String, String> form, Map<String, String> headers) {

        public Registration {
            form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
            headers = Map.copyOf(headers);
        }
    }

    private final UUID uuid;
    private final CallSetup setup;
    private final WireAudio audio = WireAudio.l16(RATE);

    AudioSocketWire(UUID uuid, CallSetup setup) {
        this.uuid = uuid;
        this.setup = setup;
    }

    public Registration registration() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("uuid", uuid.toString());
        form.put("from", setup.from());
        form.put("to", setup.to());
        form.putAll(setup.parameters());
        return new Registration(form, setup.hasSecret()
                ? Map.of("Authorization", JambonzWire.basic(AsteriskWire.USERNAME, setup.secret())) : Map.of());
    }

    @Override
    public String callId() {
        return uuid.toString();
    }

    @Override
    public String streamId() {
        return uuid.toString();
    }

    @Override
    public List<WireMessage> opening() {
        byte[] id = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        return List.of(frame(KIND_UUID, id));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        return frame(KIND_SLIN, audio.fromMulaw(mulawFrame));
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
        return List.of(frame(KIND_HANGUP, new byte[0]));
    }

    @Override
    public boolean clearsByStopping() {
        return true;
    }

    /** Reads one whole frame, as the transport delimits them. */
    @Override
    public ServerMessage read(WireMessage message) {
        if (!(message instanceof WireMessage.Binary binary)) {
            return new ServerMessage.Invalid("text on AudioSocket's binary stream");
        }
        byte[] bytes = binary.bytes();
        if (bytes.length < HEADER_BYTES) {
            return new ServerMessage.Invalid("AudioSocket frame shorter than its header");
        }
        int kind = bytes[0] & 0xFF;
        int length = ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF);
        if (length != bytes.length - HEADER_BYTES) {
            return new ServerMessage.Invalid("AudioSocket length " + length + " but " + (bytes.length - HEADER_BYTES) + " payload bytes");
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        return switch (kind) {
            case KIND_SLIN -> payload.length % 2 == 0
                    ? WireAudio.l16Media(streamId(), payload, RATE)
                    : new ServerMessage.Invalid("odd slin length " + payload.length);
            case KIND_HANGUP -> length == 0 ? new ServerMessage.Ignored("hang-up") : new ServerMessage.Invalid("hang-up with a payload");
            default -> new ServerMessage.Invalid(String.format("AudioSocket kind 0x%02x is not one the server sends", kind));
        };
    }

    static WireMessage frame(int kind, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("AudioSocket payload of " + payload.length + " bytes");
        }
        byte[] frame = new byte[HEADER_BYTES + payload.length];
        frame[0] = (byte) kind;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
        return new WireMessage.Binary(frame);
    }
}
