package io.firstbyte.app.booking.cache;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * A {@link LocalMemo} for values whose changes PostgreSQL announces: an entry is trusted for {@code ttl}
 * only while the announcements are being heard, and only within the listening connection it was
 * loaded in ({@code epoch}, as {@code VersionListener#epoch()} gives it; negative: not listening). A
 * reconnect therefore forgets everything that might have changed unheard, and while nothing is heard
 * values are kept for {@code unheardTtl} only (enough to share one lookup among a burst). Whoever hears
 * an announcement calls {@link #evict} or {@link #clear}.
 */
public final class ListenedMemo<K, V> {

    private record Heard<K>(K key, long epoch) {
    }

    private final LocalMemo<Heard<K>, V> heard;
    private final LocalMemo<K, V> unheard;
    private final LongSupplier epoch;

    public ListenedMemo(Duration ttl, Duration unheardTtl, int maxEntries, LongSupplier epoch) {
        this.heard = new LocalMemo<>(ttl, maxEntries);
        this.unheard = new LocalMemo<>(unheardTtl, maxEntries);
        this.epoch = epoch;
    }

    public Mono<V> get(K key, Function<K, Mono<V>> lookup) {
        return Mono.defer(() -> {
            long now = epoch.getAsLong();
            return now < 0 ? unheard.get(key, lookup) : heard.get(new Heard<>(key, now), entry -> lookup.apply(entry.key()));
        });
    }

    public void evict(K key) {
        heard.evict(new Heard<>(key, epoch.getAsLong()));
        unheard.evict(key);
    }

    public void clear() {
        heard.clear();
        unheard.clear();
    }
}
