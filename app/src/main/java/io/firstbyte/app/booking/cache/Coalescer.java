package io.firstbyte.app.booking.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Runs one lookup per key at a time: callers that ask for a key while its lookup is in flight share
 * that lookup's outcome instead of starting their own. Nothing is remembered once it completes.
 * The shared lookup runs to completion even if every caller cancels, so a result that is already
 * being computed still reaches the cache.
 */
public final class Coalescer<K, V> {

    private final Map<K, Mono<V>> inFlight = new ConcurrentHashMap<>();

    public Mono<V> run(K key, Supplier<Mono<V>> lookup) {
        return Mono.defer(() -> inFlight.computeIfAbsent(key, k -> share(k, lookup)));
    }

    public int inFlight() {
        return inFlight.size();
    }

    private Mono<V> share(K key, Supplier<Mono<V>> lookup) {
        @SuppressWarnings("unchecked")
        Mono<V>[] self = new Mono[1];
        // removed before the outcome reaches any caller, so a caller who saw it complete never joins it again
        self[0] = Mono.defer(lookup).doOnTerminate(() -> inFlight.remove(key, self[0])).cache();
        return self[0];
    }
}
