package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads AudioSocket frames from a TCP byte stream that arrives split anywhere: a chunk may end
 * inside a header or a payload, or hold many frames. It reads exactly three header bytes, then
 * exactly {@code length} payload bytes, and holds at most one incomplete frame. A length above
 * {@code maxPayload} cannot be honest (20 ms at 192 kHz is 7680 bytes), so it throws
 * {@link AudioSocketProtocolException} and stays failed: the connection must be closed.
 *
 * <p>Pure and incremental; no I/O. One instance per connection, not thread-safe.
 */
public final class AudioSocketFrameDecoder {

    /** The default limit on one payload: 8 KiB. */
    public static final int DEFAULT_MAX_PAYLOAD = 8 * 1024;

    private final int maxPayload;
    private final byte[] header = new byte[AudioSocketFrame.HEADER_BYTES];
    private int headerFilled;
    private byte[] payload = new byte[0];
    private int payloadFilled;
    private boolean inPayload;
    private String failure = "";

    public AudioSocketFrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    public AudioSocketFrameDecoder(int maxPayload) {
        if (maxPayload <= 0 || maxPayload > AudioSocketFrame.MAX_LENGTH) {
            throw new IllegalArgumentException("max payload must be 1 to 65535 bytes: " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** Adds the next bytes of the stream; returns the frames they complete, possibly none. */
    public List<AudioSocketFrame> push(byte[] chunk) {
        if (!failure.isEmpty()) {
            throw new AudioSocketProtocolException(failure, List.of());
        }
        List<AudioSocketFrame> frames = new ArrayList<>(1);
        int offset = 0;
        while (offset < chunk.length || completesEmptyPayload()) {
            offset = inPayload ? readPayload(chunk, offset, frames) : readHeader(chunk, offset, frames);
        }
        return frames;
    }

    /** Bytes held back, waiting for the rest of their frame. */
    public int pendingBytes() {
        return headerFilled + payloadFilled;
    }

    private boolean completesEmptyPayload() {
        return inPayload && payload.length == 0;
    }

    private int readHeader(byte[] chunk, int offset, List<AudioSocketFrame> frames) {
        int taken = Math.min(header.length - headerFilled, chunk.length - offset);
        System.arraycopy(chunk, offset, header, headerFilled, taken);
        headerFilled += taken;
        if (headerFilled == header.length) {
            int length = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
            if (length > maxPayload) {
                failure = "frame of kind 0x" + Integer.toHexString(header[0] & 0xFF) + " claims " + length
                        + " bytes, limit " + maxPayload;
                throw new AudioSocketProtocolException(failure, frames);
            }
            payload = new byte[length];
            payloadFilled = 0;
            inPayload = true;
        }
        return offset + taken;
    }

    private int readPayload(byte[] chunk, int offset, List<AudioSocketFrame> frames) {
        int taken = Math.min(payload.length - payloadFilled, chunk.length - offset);
        System.arraycopy(chunk, offset, payload, payloadFilled, taken);
        payloadFilled += taken;
        if (payloadFilled == payload.length) {
            frames.add(new AudioSocketFrame(header[0] & 0xFF, payload));
            headerFilled = 0;
            payloadFilled = 0;
            inPayload = false;
        }
        return offset + taken;
    }
}
