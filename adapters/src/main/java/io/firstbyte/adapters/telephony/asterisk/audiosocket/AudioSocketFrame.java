package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * One AudioSocket frame: {@code [kind: 1 byte][length: 2 bytes, unsigned big-endian][payload]}.
 * The kind is kept as its byte, so frames of kinds this version does not know survive decoding.
 *
 * @param type the kind byte, 0 to 255
 * @param payload at most {@link #MAX_LENGTH} bytes
 */
public record AudioSocketFrame(int type, byte[] payload) {

    /** The largest length the 16-bit field can hold. */
    public static final int MAX_LENGTH = 0xFFFF;
    static final int HEADER_BYTES = 3;

    public AudioSocketFrame {
        if (type < 0 || type > 0xFF || payload.length > MAX_LENGTH) {
            throw new IllegalArgumentException("kind " + type + " with " + payload.length + " bytes is not a frame");
        }
    }

    public static AudioSocketFrame hangup() {
        return new AudioSocketFrame(AudioSocketKind.HANGUP.code(), new byte[0]);
    }

    public static AudioSocketFrame uuid(UUID id) {
        return new AudioSocketFrame(AudioSocketKind.UUID.code(),
                ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }

    /** Signed linear 16-bit little-endian at 8 kHz. */
    public static AudioSocketFrame slin(byte[] audio) {
        return new AudioSocketFrame(AudioSocketKind.SLIN.code(), audio);
    }

    public static AudioSocketFrame dtmf(char digit) {
        return new AudioSocketFrame(AudioSocketKind.DTMF.code(), new byte[] {(byte) digit});
    }

    public static AudioSocketFrame error(int code) {
        return new AudioSocketFrame(AudioSocketKind.ERROR.code(), new byte[] {(byte) code});
    }

    public Optional<AudioSocketKind> kind() {
        return AudioSocketKind.of(type);
    }

    /** The frame as it goes on the wire. */
    public byte[] toBytes() {
        byte[] bytes = new byte[HEADER_BYTES + payload.length];
        writeTo(bytes, 0);
        return bytes;
    }

    int writeTo(byte[] target, int offset) {
        target[offset] = (byte) type;
        target[offset + 1] = (byte) (payload.length >>> 8);
        target[offset + 2] = (byte) payload.length;
        System.arraycopy(payload, 0, target, offset + HEADER_BYTES, payload.length);
        return offset + HEADER_BYTES + payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioSocketFrame frame && frame.type == type && Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "AudioSocketFrame[" + kind().map(Enum::name).orElse("0x" + Integer.toHexString(type)) + ", "
                + payload.length + " bytes]";
    }
}
