package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.CachedDay;
import io.firstbyte.app.booking.cache.Coalescer;
import io.firstbyte.app.booking.cache.SlotCache;
import io.firstbyte.app.booking.rules.DayPlanner;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.booking.store.VersionListener;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * A day's free slots for one service, cache-aside. The day's version (from memory while PostgreSQL's
 * version announcements are heard, else read from PostgreSQL) and the cached entry (Redis) are read
 * concurrently; the entry is used only if it was computed at that version.
 * Otherwise one instance fills it: identical concurrent lookups on this server share one
 * lookup, and across servers a short Redis claim lets one fill while the others wait briefly for
 * its result before querying themselves.
 */
public final class SlotSource {

    private static final Duration POLL = Duration.ofMillis(25);

    private record Key(UUID tenant, UUID service, LocalDate day) {
    }

    private record DayKey(UUID tenant, LocalDate day) {
    }

    private final AvailabilityStore store;
    private final VersionListener versions;
    private final SlotCache cache;
    private final BookingGuards guards;
    private final Duration fillLockTtl;
    private final Duration fillWait;
    private final Coalescer<Key, List<Slot>> coalescer = new Coalescer<>();
    private final Coalescer<DayKey, Long> versionProbes = new Coalescer<>();

    public SlotSource(AvailabilityStore store, VersionListener versions, SlotCache cache, BookingGuards guards,
                      Duration fillLockTtl, Duration fillWait) {
        this.store = store;
        this.versions = versions;
        this.cache = cache;
        this.guards = guards;
        this.fillLockTtl = fillLockTtl;
        this.fillWait = fillWait;
    }

    /** All free slots of {@code day} (past ones included: callers filter by their booking window). */
    public Mono<List<Slot>> day(TenantCatalog catalog, ServiceInfo service, LocalDate day) {
        UUID tenant = UUID.fromString(catalog.tenant().id());
        return coalescer.run(new Key(tenant, service.id(), day), () -> lookup(catalog, tenant, service, day));
    }

    private Mono<List<Slot>> lookup(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day) {
        return Mono.zip(version(tenant, day), cache.get(tenant, service.id(), List.of(day)))
                .flatMap(found -> {
                    long version = found.getT1();
                    CachedDay cached = found.getT2().get(day);
                    if (cached != null && cached.version() == version) {
                        cache.recordHits(1);
                        return Mono.just(cached.slots());
                    }
                    cache.recordMisses(1);
                    return fill(catalog, tenant, service, day, version);
                });
    }

    /**
     * The day's version: from memory while PostgreSQL's announcements are being heard, else read
     * (lookups of several services of one day share one read while it is in flight).
     */
    private Mono<Long> version(UUID tenant, LocalDate day) {
        Long known = versions.known(tenant, day);
        if (known != null) {
            return Mono.just(known);
        }
        return versionProbes.run(new DayKey(tenant, day), () -> {
            long epoch = versions.epoch();
            return guards.read(store.versions(tenant, day, day))
                    .map(found -> found.getOrDefault(day, 0L))
                    .doOnNext(version -> versions.learn(tenant, day, version, epoch));
        });
    }

    private Mono<List<Slot>> fill(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day, long version) {
        Mono<List<Slot>> load = Mono.defer(() -> load(catalog, tenant, service, day, version));
        return cache.claimFill(tenant, service.id(), day, day, fillLockTtl)
                .flatMap(claimed -> claimed ? load : awaitOtherFill(tenant, service, day, version).switchIfEmpty(load));
    }

    private Mono<List<Slot>> load(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day, long version) {
        return guards.read(store.busy(tenant, catalog.tenant().zone(), day, day))
                .map(busy -> DayPlanner.freeSlots(catalog, service, day, busy))
                .flatMap(slots -> cache.put(tenant, service.id(), Map.of(day, new CachedDay(version, slots)))
                        .thenReturn(slots));
    }

    /**
     * Polls the cache for the other instance's entry, each poll {@link #POLL} after the previous one
     * answered: a fixed-rate tick would overflow as soon as one Redis round trip took longer than a tick.
     */
    private Mono<List<Slot>> awaitOtherFill(UUID tenant, ServiceInfo service, LocalDate day, long version) {
        long polls = Math.max(1, fillWait.toMillis() / POLL.toMillis());
        return Mono.delay(POLL).then(cache.get(tenant, service.id(), List.of(day)))
                .repeat(polls - 1)
                .mapNotNull(found -> found.get(day))
                .filter(cached -> cached.version() == version)
                .next()
                .map(CachedDay::slots);
    }
}
