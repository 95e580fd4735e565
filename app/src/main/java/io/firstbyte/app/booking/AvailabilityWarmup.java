package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.OffLoopLog;
import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.pipeline.tool.TranscriptHints;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads a tenant's catalog and the next days' availability of every service into the caches,
 * concurrently, so the first lookup of a call is a cache hit. Called at call start while the
 * greeting plays; it never fails (a failed warm-up just leaves the cache cold). One day of one service
 * can be warmed on its own ({@link #warmDay}), when a caller names a day beyond those.
 */
public final class AvailabilityWarmup {

    private static final Logger log = LoggerFactory.getLogger(AvailabilityWarmup.class);
    private static final int CONCURRENCY = 8;

    private final CatalogSource catalogs;
    private final SlotSource slots;
    private final int days;
    private final Clock clock;

    public AvailabilityWarmup(CatalogSource catalogs, SlotSource slots, int days, Clock clock) {
        this.catalogs = catalogs;
        this.slots = slots;
        this.days = days;
        this.clock = clock;
    }

    /** Completes when the tenant's next {@code days} days are cached (or could not be). */
    public Mono<Void> warm(String tenantId) {
        return catalogs.catalog(tenantId)
                .flatMapMany(this::loadDays)
                .then()
                .onErrorResume(error -> {
                    OffLoopLog.warn(log, "warm-up of tenant {} failed: {}", tenantId, error.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** Hints for one call to the tenant: warms the days its caller names ({@link AvailabilityHints}). */
    public TranscriptHints hintsFor(String tenantId) {
        return new AvailabilityHints(this, tenantId, clock);
    }

    /** The tenant's catalog, from the same short-lived memory the tools read. */
    public Mono<TenantCatalog> catalog(String tenantId) {
        return catalogs.catalog(tenantId);
    }

    /** Loads one day of one service into the cache, if the day is bookable; never fails. */
    public Mono<Void> warmDay(TenantCatalog catalog, ServiceInfo service, LocalDate day) {
        if (!BookingWindow.of(catalog.tenant(), clock).covers(day)) {
            return Mono.empty();
        }
        return slots.day(catalog, service, day).then().onErrorResume(error -> Mono.empty());
    }

    private Flux<?> loadDays(TenantCatalog catalog) {
        BookingWindow window = BookingWindow.of(catalog.tenant(), clock);
        List<LocalDate> dates = window.today().datesUntil(window.today().plusDays(days)).toList();
        return Flux.fromIterable(catalog.services())
                .flatMap(service -> Flux.fromIterable(dates)
                        .flatMap(day -> slots.day(catalog, service, day).onErrorResume(error -> Mono.empty())), CONCURRENCY);
    }
}
