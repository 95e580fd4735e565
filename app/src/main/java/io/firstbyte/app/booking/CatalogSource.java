package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.ListenedMemo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.CatalogStore;
import io.firstbyte.app.tenant.TenantDirectory;
import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * A tenant's catalog, held in memory for a short while ({@code ttl}) while tenant changes are heard
 * ({@code epoch}, see {@link ListenedMemo}); whoever hears a change of a tenant calls {@link #evict}.
 * Empty for an unknown or deactivated tenant.
 */
public final class CatalogSource {

    private final CatalogStore store;
    private final BookingGuards guards;
    private final ListenedMemo<String, TenantCatalog> memo;

    public CatalogSource(CatalogStore store, BookingGuards guards, Duration ttl, LongSupplier epoch) {
        this.store = store;
        this.guards = guards;
        this.memo = new ListenedMemo<>(ttl, TenantDirectory.UNHEARD_TTL, 10_000, epoch);
    }

    public Mono<TenantCatalog> catalog(String tenantId) {
        return memo.get(tenantId, id -> TenantDirectory.parseUuid(id).map(uuid -> guards.read(store.load(uuid)))
                .orElse(Mono.empty()));
    }

    public void evict(String tenantId) {
        memo.evict(tenantId);
    }
}
