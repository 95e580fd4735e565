package io.firstbyte.adapters.telephony.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Cuts a byte stream into chunks of one fixed size, holding back at most one partial chunk. */
final class Chunker {

    private final byte[] pending;
    private final byte silence;
    private int filled;

    Chunker(int size, byte silence) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        this.pending = new byte[size];
        this.silence = silence;
    }

    List<byte[]> push(byte[] bytes) {
        List<byte[]> chunks = new ArrayList<>((filled + bytes.length) / pending.length);
        int offset = 0;
        while (offset < bytes.length) {
            int taken = Math.min(pending.length - filled, bytes.length - offset);
            System.arraycopy(bytes, offset, pending, filled, taken);
            filled += taken;
            offset += taken;
            if (filled == pending.length) {
                chunks.add(pending.clone());
                filled = 0;
            }
        }
        return chunks;
    }

    /** The held-back bytes padded with silence to a whole chunk, or empty when none are held. */
    Optional<byte[]> flush() {
        if (filled == 0) {
            return Optional.empty();
        }
        byte[] chunk = pending.clone();
        Arrays.fill(chunk, filled, chunk.length, silence);
        filled = 0;
        return Optional.of(chunk);
    }

    void clear() {
        filled = 0;
    }
}
