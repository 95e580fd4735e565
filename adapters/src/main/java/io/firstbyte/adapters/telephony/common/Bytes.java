package io.firstbyte.adapters.telephony.common;

import java.util.List;

/** Joins chunks into one payload, for dialects that carry any amount of audio in one message. */
public final class Bytes {

    private Bytes() {
    }

    public static byte[] concat(List<byte[]> chunks) {
        if (chunks.size() == 1) {
            return chunks.getFirst();
        }
        int length = 0;
        for (byte[] chunk : chunks) {
            length += chunk.length;
        }
        byte[] joined = new byte[length];
        int offset = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, joined, offset, chunk.length);
            offset += chunk.length;
        }
        return joined;
    }
}
