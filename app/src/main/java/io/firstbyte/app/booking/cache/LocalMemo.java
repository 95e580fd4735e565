package io.firstbyte.app.booking.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An in-process memo of lookups: a value is kept for {@code ttl}, an empty answer for a short
 * while, an error not at all; concurrent callers of one key share a single in-flight lookup.
 * Bounded: past {@code maxEntries} the memo starts afresh (a crude, allocation-free policy that
 * is fine for tenant-sized key sets).
 */
public final class LocalMemo<K, V> {

    private static final Duration EMPTY_TTL = Duration.ofSeconds(10);

    private final Map<K, Mono<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxEntries;

    public LocalMemo(Duration ttl, int maxEntries) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
    }

    public Mono<V> get(K key, Function<K, Mono<V>> lookup) {
        return Mono.defer(() -> {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            return entries.computeIfAbsent(key, k -> lookup.apply(k).cache(value -> ttl, error -> Duration.ZERO,
                    () -> EMPTY_TTL));
        });
    }

    public void evict(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }
}
