package io.firstbyte.app.booking.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Free slots per tenant, service and day in Redis. Keys are
 * {@code <prefix>:<tenant>:slots:<revision>:<service>:<day>}, the revision being the tenant's catalog
 * revision the slots were computed from (so a change of hours, staff or services starts afresh); values carry the availability version they were computed at, and readers compare it with the
 * version they know, so an entry older than that is never served. Redis is advisory: every failure
 * here reads as a miss (or a skipped write), never as an error.
 */
public final class SlotCache {

    private final RedisConnector redis;
    private final String prefix;
    private final Duration ttl;
    private final Duration jitter;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public SlotCache(RedisConnector redis, String prefix, Duration ttl, Duration jitter) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.jitter = jitter;
    }

    /** The cached days found (unreadable or missing ones are left out); empty when Redis is unavailable. */
    public Mono<Map<LocalDate, CachedDay>> get(UUID tenant, long revision, UUID service, List<LocalDate> days) {
        String[] keys = days.stream().map(day -> key(tenant, revision, service, day)).toArray(String[]::new);
        return redis.run(commands -> commands.mget(keys).collectList())
                .map(values -> decode(days, values))
                .onErrorResume(error -> Mono.just(Map.of()));
    }

    public Mono<Void> put(UUID tenant, long revision, UUID service, Map<LocalDate, CachedDay> days) {
        return Flux.fromIterable(days.entrySet())
                .flatMap(entry -> redis.run(commands -> commands.set(key(tenant, revision, service, entry.getKey()),
                        SlotCodec.encode(entry.getValue()), SetArgs.Builder.px(ttlWithJitter().toMillis())))
                        .onErrorResume(error -> Mono.empty()))
                .then();
    }

    /**
     * Tries to become the one instance filling these days at {@code version} or later; true also when
     * Redis cannot be asked. A claim per version: a change to the days may be filled at once.
     */
    public Mono<Boolean> claimFill(UUID tenant, long revision, UUID service, LocalDate from, LocalDate to, long version,
                                   Duration lockTtl) {
        String key = prefix + ":" + tenant + ":fill:" + revision + ":" + service + ":" + from + ":" + to + ":" + version;
        return redis.run(commands -> commands.set(key, "1", SetArgs.Builder.nx().px(lockTtl.toMillis())))
                .map("OK"::equals)
                .defaultIfEmpty(false)
                .onErrorReturn(true);
    }

    /** Removes every cached entry of one tenant (its keys only). */
    public Mono<Long> evictTenant(UUID tenant) {
        ScanArgs match = ScanArgs.Builder.matches(prefix + ":" + tenant + ":*").limit(500);
        return redis.run(commands -> commands.scan(match))
                .expand(cursor -> cursor.isFinished() ? Mono.empty()
                        : redis.run(commands -> commands.scan(ScanCursor.of(cursor.getCursor()), match)))
                .concatMap(cursor -> cursor.getKeys().isEmpty() ? Mono.just(0L)
                        : redis.run(commands -> commands.unlink(cursor.getKeys().toArray(String[]::new))))
                .reduce(0L, Long::sum)
                .onErrorReturn(0L);
    }

    public void recordHits(int count) {
        hits.addAndGet(count);
    }

    public void recordMisses(int count) {
        misses.addAndGet(count);
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private Map<LocalDate, CachedDay> decode(List<LocalDate> days, List<KeyValue<String, String>> values) {
        Map<LocalDate, CachedDay> found = new HashMap<>();
        for (int i = 0; i < values.size() && i < days.size(); i++) {
            KeyValue<String, String> value = values.get(i);
            if (value.hasValue()) {
                LocalDate day = days.get(i);
                SlotCodec.decode(value.getValue()).ifPresent(cached -> found.put(day, cached));
            }
        }
        return found;
    }

    private String key(UUID tenant, long revision, UUID service, LocalDate day) {
        return prefix + ":" + tenant + ":slots:" + revision + ":" + service + ":" + day;
    }

    private Duration ttlWithJitter() {
        long extra = jitter.isZero() ? 0 : ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1);
        return ttl.plusMillis(extra);
    }
}
