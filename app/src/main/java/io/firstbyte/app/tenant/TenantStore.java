package io.firstbyte.app.tenant;

import io.firstbyte.app.booking.store.QueryCounter;
import io.r2dbc.spi.Readable;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Active tenants' rows over R2DBC: by id, by dialled number, by API key digest (a revoked key, like a
 * deactivated business, finds nothing).
 */
public final class TenantStore {

    private static final String COLUMNS = "t.id, t.name, t.time_zone, t.slot_minutes, t.horizon_days, t.min_notice_minutes, "
            + "t.greeting, t.agent_instructions, t.language, t.currency";

    private final DatabaseClient db;
    private final QueryCounter queries;

    public TenantStore(DatabaseClient db, QueryCounter queries) {
        this.db = db;
        this.queries = queries;
    }

    public Mono<TenantInfo> byId(UUID id) {
        return one("select " + COLUMNS + " from tenant t where t.id = :key and t.active", id);
    }

    /** The tenant and its revision, read in one statement (the catalog is read after it, so never older). */
    public Mono<Revised> byIdWithRevision(UUID id) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.TENANT);
            return db.sql("select " + COLUMNS + ", t.revision from tenant t where t.id = :key and t.active")
                    .bind("key", id).map(row -> new Revised(tenant(row), row.get("revision", Long.class))).one();
        });
    }

    /** A tenant as of its {@code revision} (bumped by every administrative change). */
    public record Revised(TenantInfo tenant, long revision) {
    }

    public Mono<TenantInfo> byNumber(String e164) {
        return one("select " + COLUMNS + " from tenant t join tenant_phone_number p on p.tenant_id = t.id "
                + "where p.e164 = :key and t.active", e164);
    }

    public Mono<TenantInfo> byApiKeyDigest(byte[] digest) {
        return one("select " + COLUMNS + " from tenant t join tenant_api_key k on k.tenant_id = t.id "
                + "where k.key_sha256 = :key and k.revoked_at is null and t.active", digest);
    }

    /** The tenant's {@code settings.providers} object as JSON text; empty when it has none. */
    public Mono<String> providerSettings(UUID id) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.TENANT);
            return db.sql("select (settings->'providers')::text as providers from tenant where id = :key "
                            + "and jsonb_typeof(settings->'providers') = 'object'")
                    .bind("key", id).map(row -> row.get("providers", String.class)).one();
        });
    }

    private Mono<TenantInfo> one(String sql, Object key) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.TENANT);
            return db.sql(sql).bind("key", key).map(TenantStore::tenant).one();
        });
    }

    private static TenantInfo tenant(Readable row) {
        return new TenantInfo(row.get("id", UUID.class).toString(), row.get("name", String.class),
                row.get("time_zone", String.class), row.get("slot_minutes", Integer.class),
                row.get("horizon_days", Integer.class), row.get("min_notice_minutes", Integer.class),
                row.get("greeting", String.class), row.get("agent_instructions", String.class),
                row.get("language", String.class), row.get("currency", String.class));
    }
}
