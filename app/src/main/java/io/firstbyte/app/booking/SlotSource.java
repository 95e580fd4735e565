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
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A day's free slots for one service, cache-aside. The day's version (from memory while PostgreSQL's
 * version announcements are heard, else read from PostgreSQL) and the cached entry (Redis) are read
 * concurrently; the entry is used only if it is at least at that version. Otherwise one instance
 * fills it: identical concurrent lookups on this server share one lookup, and across servers a short
 * Redis claim per version lets one fill while the others wait briefly for its result before querying
 * themselves. A filled entry carries the version its busy times were read at (one statement).
 *
 * <p>Monotonic: an answer is served only if it is at or above the day's floor at the moment it is
 * served (the highest version this instance has seen, {@link VersionListener#floor}); an older one is
 * looked up again. So once this instance has shown a slot taken, it never offers it again from an
 * older cache entry or from a lookup that started before it learnt of the change.
 */
public final class SlotSource {

    private static final Duration POLL = Duration.ofMillis(25);
    /** Lookups again when an answer fell below the floor before being served; each one starts above it. */
    private static final int STALE_RETRIES = 3;

    private record Key(UUID tenant, long revision, UUID service, LocalDate day) {
    }

    private record DayKey(UUID tenant, LocalDate day) {
    }

    private final AvailabilityStore store;
    private final VersionListener versions;
    private final SlotCache cache;
    private final BookingGuards guards;
    private final Duration fillLockTtl;
    private final Duration fillWait;
    private final Coalescer<Key, CachedDay> coalescer = new Coalescer<>();
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
        return versionedDay(catalog, service, day).map(CachedDay::slots);
    }

    /** As {@link #day}, with the availability version the slots were computed at. */
    public Mono<CachedDay> versionedDay(TenantCatalog catalog, ServiceInfo service, LocalDate day) {
        UUID tenant = UUID.fromString(catalog.tenant().id());
        Key key = new Key(tenant, catalog.revision(), service.id(), day);
        return notBelowFloor(key, () -> lookup(catalog, tenant, service, day), STALE_RETRIES);
    }

    /**
     * Whether slots computed at {@code version} may be served again without a lookup: this instance knows
     * the day's current version for certain (it is hearing PostgreSQL's announcements), and the slots are
     * at or above it and at or above the day's floor. The same rule a lookup applies to a cache entry.
     */
    public boolean stillCurrent(UUID tenant, LocalDate day, long version) {
        Long known = versions.known(tenant, day);
        return known != null && version >= known && version >= versions.floor(tenant, day);
    }

    private Mono<CachedDay> notBelowFloor(Key key, Supplier<Mono<CachedDay>> lookup, int retries) {
        return coalescer.run(key, lookup).flatMap(found ->
                found.version() >= versions.floor(key.tenant(), key.day()) || retries == 0 ? Mono.just(found)
                        : notBelowFloor(key, lookup, retries - 1));
    }

    private Mono<CachedDay> lookup(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day) {
        return Mono.zip(version(tenant, day), cache.get(tenant, catalog.revision(), service.id(), List.of(day)))
                .flatMap(found -> {
                    long wanted = Math.max(found.getT1(), versions.floor(tenant, day));
                    CachedDay cached = found.getT2().get(day);
                    if (cached != null && cached.version() >= wanted) {
                        cache.recordHits(1);
                        return Mono.just(cached);
                    }
                    cache.recordMisses(1);
                    return fill(catalog, tenant, service, day, wanted);
                })
                .doOnNext(served -> versions.observe(tenant, day, served.version()));
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

    private Mono<CachedDay> fill(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day, long version) {
        Mono<CachedDay> load = Mono.defer(() -> load(catalog, tenant, service, day));
        return cache.claimFill(tenant, catalog.revision(), service.id(), day, day, version, fillLockTtl)
                .flatMap(claimed -> claimed ? load
                        : awaitOtherFill(tenant, catalog.revision(), service, day, version).switchIfEmpty(load));
    }

    private Mono<CachedDay> load(TenantCatalog catalog, UUID tenant, ServiceInfo service, LocalDate day) {
        return guards.read(store.dayAt(tenant, catalog.tenant().zone(), day))
                .map(state -> new CachedDay(state.version(), DayPlanner.freeSlots(catalog, service, day, state.busy())))
                .flatMap(filled -> cache.put(tenant, catalog.revision(), service.id(), Map.of(day, filled)).thenReturn(filled));
    }

    /**
     * Polls the cache for the other instance's entry, each poll {@link #POLL} after the previous one
     * answered: a fixed-rate tick would overflow as soon as one Redis round trip took longer than a tick.
     */
    private Mono<CachedDay> awaitOtherFill(UUID tenant, long revision, ServiceInfo service, LocalDate day, long version) {
        long polls = Math.max(1, fillWait.toMillis() / POLL.toMillis());
        return Mono.delay(POLL).then(cache.get(tenant, revision, service.id(), List.of(day)))
                .repeat(polls - 1)
                .mapNotNull(found -> found.get(day))
                .filter(cached -> cached.version() >= version)
                .next();
    }
}
