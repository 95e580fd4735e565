package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.LocalMemo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.CatalogStore;
import io.firstbyte.app.tenant.TenantDirectory;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** A tenant's catalog, held in memory for a short while; empty for an unknown tenant id. */
public final class CatalogSource {

    private final TenantDirectory tenants;
    private final CatalogStore store;
    private final BookingGuards guards;
    private final LocalMemo<String, TenantCatalog> memo;

    public CatalogSource(TenantDirectory tenants, CatalogStore store, BookingGuards guards, Duration ttl) {
        this.tenants = tenants;
        this.store = store;
        this.guards = guards;
        this.memo = new LocalMemo<>(ttl, 10_000);
    }

    public Mono<TenantCatalog> catalog(String tenantId) {
        return memo.get(tenantId, id -> guards.read(tenants.byId(id).flatMap(store::load)));
    }

    public void evict(String tenantId) {
        memo.evict(tenantId);
    }
}
