package io.firstbyte.app.booking.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An in-process memo of lookups: a value is kept for {@code ttl}; an empty answer or an error is
 * not kept at all. Concurrent callers of one key share a single in-flight lookup. Bounded: past
 * {@code maxEntries} the memo starts afresh (a crude, allocation-free policy that is fine for
 * tenant-sized key sets). Expiry is checked by the caller, so no entry changes under a subscriber.
 */
public final class LocalMemo<K, V> {

    private record Entry<V>(Mono<V> value, long expiresAtNanos) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    public LocalMemo(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    public Mono<V> get(K key, Function<K, Mono<V>> lookup) {
        return Mono.defer(() -> {
            long now = System.nanoTime();
            Entry<V> entry = entries.get(key);
            if (entry == null || now - entry.expiresAtNanos() > 0) {
                if (entries.size() >= maxEntries) {
                    entries.clear();
                }
                entry = entries.compute(key, (k, old) -> old != null && now - old.expiresAtNanos() <= 0 ? old
                        : fresh(k, lookup, now));
            }
            return entry.value();
        });
    }

    public void evict(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    private Entry<V> fresh(K key, Function<K, Mono<V>> lookup, long now) {
        @SuppressWarnings("unchecked")
        Entry<V>[] self = new Entry[1];
        Mono<V> shared = Mono.defer(() -> lookup.apply(key))
                .doOnSuccess(value -> {
                    if (value == null) {
                        entries.remove(key, self[0]);
                    }
                })
                .doOnError(error -> entries.remove(key, self[0]))
                .cache();
        self[0] = new Entry<>(shared, now + ttlNanos);
        return self[0];
    }
}
