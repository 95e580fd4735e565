package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.CachedDay;
import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.pipeline.call.CallScope;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The days around a time a caller asked about, read in the background while the agent speaks, so that
 * the likely follow-up ({@code find_alternatives}: "then what about later?") is answered from memory.
 *
 * <p>{@link #around} starts the read on the call's {@link CallScope} (found in the Reactor context):
 * it adds nothing to the answer that triggered it, ends with the call, and at most
 * {@link Settings#maxInFlight} run on this instance at once (more are skipped, not queued). Without a
 * call (the HTTP API, the webhooks) nothing is started.
 *
 * <p>What is kept is each day's free slots with the availability version they were computed at (per
 * tenant, service and day, for {@link Settings#ttl}); the alternatives themselves are picked when asked,
 * for the asked time, count and staff member. A kept day is served only while {@link SlotSource#stillCurrent}:
 * this instance knows the day's current version and the slots are at it and at or above its floor. So a
 * slot booked in between (here or on any instance this one has heard from) is never offered, and offers
 * stay monotonic; otherwise the day is looked up as usual.
 */
public final class PrefetchedDays {

    /**
     * @param enabled     start background reads at all (kept days are consulted either way)
     * @param ttl         how long a read day is kept
     * @param maxEntries  kept days on this instance; past it the memo starts afresh
     * @param maxInFlight background reads running at once on this instance
     */
    public record Settings(boolean enabled, Duration ttl, int maxEntries, int maxInFlight) {
        public static final Settings OFF = new Settings(false, Duration.ZERO, 0, 0);
    }

    /** The catalog revision is part of the key: slots kept under old hours or staff are never served after an admin change. */
    private record Key(UUID tenant, long revision, UUID service, LocalDate day) {
    }

    private record Entry(CachedDay day, long expiresAtNanos) {
    }

    private final SlotSource source;
    private final Settings settings;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public PrefetchedDays(SlotSource source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    /**
     * Starts reading the day of {@code around} and the days either side (those inside {@code window}) on
     * the call's scope, and completes at once.
     */
    public Mono<Void> around(TenantCatalog catalog, ServiceInfo service, LocalDateTime around, BookingWindow window) {
        if (!settings.enabled()) {
            return Mono.empty();
        }
        return Mono.deferContextual(context -> {
            CallScope scope = context.getOrDefault(CallScope.class, null);
            if (scope != null) {
                List<LocalDate> days = around.toLocalDate().minusDays(1).datesUntil(around.toLocalDate().plusDays(2))
                        .filter(window::covers).toList();
                scope.detach(bounded(read(catalog, service, days)).subscribeOn(Schedulers.parallel()));
            }
            return Mono.empty();
        });
    }

    /** The day's free slots: from memory when read in the background and still current, else from {@link SlotSource}. */
    public Mono<List<Slot>> day(TenantCatalog catalog, ServiceInfo service, LocalDate day) {
        return Mono.defer(() -> {
            UUID tenant = UUID.fromString(catalog.tenant().id());
            Entry entry = entries.get(new Key(tenant, catalog.revision(), service.id(), day));
            if (entry != null && System.nanoTime() - entry.expiresAtNanos() < 0
                    && source.stillCurrent(tenant, day, entry.day().version())) {
                hits.incrementAndGet();
                return Mono.just(entry.day().slots());
            }
            if (settings.enabled()) {
                misses.incrementAndGet();
            }
            return source.day(catalog, service, day);
        });
    }

    private Mono<Void> bounded(Mono<Void> read) {
        return Mono.defer(() -> {
            if (inFlight.incrementAndGet() > settings.maxInFlight()) {
                inFlight.decrementAndGet();
                skipped.incrementAndGet();
                return Mono.empty();
            }
            started.incrementAndGet();
            return read.doFinally(signal -> inFlight.decrementAndGet());
        });
    }

    private Mono<Void> read(TenantCatalog catalog, ServiceInfo service, List<LocalDate> days) {
        UUID tenant = UUID.fromString(catalog.tenant().id());
        return Flux.fromIterable(days)
                .flatMap(day -> source.versionedDay(catalog, service, day)
                        .doOnNext(found -> keep(new Key(tenant, catalog.revision(), service.id(), day), found))
                        .onErrorResume(error -> Mono.empty()), days.size() + 1)
                .then();
    }

    private void keep(Key key, CachedDay day) {
        if (entries.size() >= settings.maxEntries()) {
            entries.clear();
        }
        entries.merge(key, new Entry(day, System.nanoTime() + settings.ttl().toNanos()),
                (old, fresh) -> old.day().version() > fresh.day().version() ? old : fresh);
    }

    /** Background reads running now. */
    public int inFlight() {
        return inFlight.get();
    }

    public long started() {
        return started.get();
    }

    /** Background reads not started because {@link Settings#maxInFlight} were running. */
    public long skipped() {
        return skipped.get();
    }

    /** Days of {@code find_alternatives} served from memory. */
    public long hits() {
        return hits.get();
    }

    /** Days of {@code find_alternatives} looked up because none was kept, or it was no longer current. */
    public long misses() {
        return misses.get();
    }
}
