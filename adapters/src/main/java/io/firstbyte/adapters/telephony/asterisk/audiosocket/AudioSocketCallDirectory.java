package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the dial plan registered about a call before handing it to AudioSocket, by the UUID it
 * chose: AudioSocket itself carries nothing but that UUID. The dial plan posts the caller's and
 * the dialled number (and, say, a tenant) under the UUID; the codec takes them when the UUID frame
 * arrives. Entries are taken once, expire after {@code timeToLive}, and at most
 * {@code capacity} are kept (the oldest go first), so unclaimed registrations cannot pile up.
 * Thread-safe; lookups never block on I/O. In-memory: with several servers, register on the one
 * that Asterisk connects to, or put a shared store behind the same function.
 */
public final class AudioSocketCallDirectory implements Function<UUID, Map<String, String>> {

    private record Entry(Map<String, String> parameters, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration timeToLive;
    private final int capacity;
    private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>();

    public AudioSocketCallDirectory(Clock clock, Duration timeToLive, int capacity) {
        if (capacity <= 0 || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("capacity and time to live must be positive");
        }
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.capacity = capacity;
    }

    public synchronized void register(UUID call, Map<String, String> parameters) {
        evictExpired();
        entries.remove(call);
        entries.put(call, new Entry(Map.copyOf(parameters), clock.instant().plus(timeToLive)));
        while (entries.size() > capacity) {
            entries.pollFirstEntry();
        }
    }

    /** The parameters registered for {@code call}, taken out of the directory; empty when none or expired. */
    @Override
    public Map<String, String> apply(UUID call) {
        return take(call).orElse(Map.of());
    }

    /** The registration of {@code call}, taken out of the directory; empty when it was never registered or expired. */
    public synchronized Optional<Map<String, String>> take(UUID call) {
        Entry entry = entries.remove(call);
        return entry == null || !clock.instant().isBefore(entry.expiresAt()) ? Optional.empty() : Optional.of(entry.parameters());
    }

    public synchronized int size() {
        evictExpired();
        return entries.size();
    }

    private void evictExpired() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().expiresAt())) {
                it.remove();
            }
        }
    }
}
