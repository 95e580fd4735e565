package io.firstbyte.adapters.telephony.telnyx;

import static io.firstbyte.adapters.telephony.common.DropKind.LATE_MEDIA;

import io.firstbyte.adapters.telephony.common.DroppedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts Telnyx media back in {@code chunk} order (Telnyx does not guarantee it). A chunk that
 * arrives early waits for the ones before it, but at most {@link #WINDOW} chunks wait: when one
 * more arrives, the missing chunk is given up and the waiting ones are released, so a lost packet
 * delays the caller's audio by at most 100 ms once. A chunk older than one already released, or
 * a duplicate, is late and dropped. The first chunk seen sets the start of the sequence.
 */
final class ChunkReorder {

    /** Chunks held while waiting for a missing one: 5 x 20 ms. */
    static final int WINDOW = 5;

    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private long next = Long.MIN_VALUE;

    /** Accepts one chunk; returns the payloads that are now in order, possibly none. */
    List<byte[]> offer(long chunk, byte[] payload) {
        if (next == Long.MIN_VALUE) {
            next = chunk;
        }
        if (chunk < next || waiting.containsKey(chunk)) {
            throw new DroppedMessage(LATE_MEDIA, "chunk " + chunk + " after chunk " + (next - 1) + " was passed on");
        }
        waiting.put(chunk, payload);
        if (waiting.size() > WINDOW) {
            next = waiting.firstKey();
        }
        return releaseInOrder();
    }

    /** Everything still waiting, in order (the stream has ended, so no gap will be filled). */
    List<byte[]> drain() {
        List<byte[]> rest = new ArrayList<>(waiting.values());
        waiting.clear();
        return rest;
    }

    private List<byte[]> releaseInOrder() {
        List<byte[]> ready = new ArrayList<>(1);
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            ready.add(waiting.pollFirstEntry().getValue());
            next++;
        }
        return ready;
    }
}
