package io.firstbyte.app.booking.store;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The idempotency records in PostgreSQL, the arbiter between server instances. A key is claimed with
 * one atomic statement; the claim holder records the booking it changes in the same transaction as
 * the change (see {@link AppointmentStore}) and the answer afterwards. Records older than the
 * time-to-live count as absent.
 */
public final class IdempotencyStore {

    /** What is known of a key: the request that first used it, and its answer once there is one. */
    public record Seen(String fingerprint, @Nullable String response) {
    }

    private final DatabaseClient db;
    private final QueryCounter queries;

    public IdempotencyStore(DatabaseClient db, QueryCounter queries) {
        this.db = db;
        this.queries = queries;
    }

    /**
     * Claims {@code key} for this request: when nobody has used it, when its record expired, or when
     * its holder's lease ran out before an answer (a different request may take it over only if the
     * holder changed nothing). Empty when someone else holds or answered it.
     */
    public Mono<IdempotencyClaim> claim(UUID tenant, String key, String fingerprint, Duration lease, Duration ttl) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            return db.sql("""
                    insert into idempotency_record as r (tenant_id, key, fingerprint, claim, lease_until)
                    values (:tenant, :key, :fingerprint, gen_random_uuid(), now() + :lease * interval '1 millisecond')
                    on conflict (tenant_id, key) do update
                       set fingerprint = excluded.fingerprint, claim = excluded.claim, lease_until = excluded.lease_until,
                           response = null,
                           booking_id = case when r.created_at < now() - :ttl * interval '1 millisecond' then null else r.booking_id end,
                           created_at = case when r.created_at < now() - :ttl * interval '1 millisecond' then now() else r.created_at end
                     where r.created_at < now() - :ttl * interval '1 millisecond'
                        or (r.response is null and r.lease_until <= now()
                            and (r.booking_id is null or r.fingerprint = excluded.fingerprint))
                    returning claim, booking_id""")
                    .bind("tenant", tenant).bind("key", key).bind("fingerprint", fingerprint)
                    .bind("lease", lease.toMillis()).bind("ttl", ttl.toMillis())
                    .map(row -> new IdempotencyClaim(tenant, key, row.get("claim", UUID.class), row.get("booking_id", UUID.class)))
                    .one();
        });
    }

    /** The live record of {@code key}; empty when there is none (or it expired). */
    public Mono<Seen> find(UUID tenant, String key, Duration ttl) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_READ);
            return db.sql("select fingerprint, response from idempotency_record where tenant_id = :tenant and key = :key "
                            + "and created_at >= now() - :ttl * interval '1 millisecond'")
                    .bind("tenant", tenant).bind("key", key).bind("ttl", ttl.toMillis())
                    .map(row -> new Seen(row.get("fingerprint", String.class), row.get("response", String.class))).one();
        });
    }

    /** Stores the answer of a claim's request; a claim that was taken over stores nothing. */
    public Mono<Void> answer(IdempotencyClaim claim, String response) {
        return update(claim, "update idempotency_record set response = :response, lease_until = now() "
                + "where tenant_id = :tenant and key = :key and claim = :claim", response);
    }

    /** Gives a claim up at once (its request failed), so that the next attempt need not wait for the lease. */
    public Mono<Void> release(IdempotencyClaim claim) {
        return update(claim, "update idempotency_record set lease_until = now() "
                + "where tenant_id = :tenant and key = :key and claim = :claim and response is null", null);
    }

    /** Deletes up to {@code limit} expired records. */
    public Mono<Long> sweep(Duration ttl, int limit) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            return db.sql("""
                    delete from idempotency_record where ctid = any(array(
                        select ctid from idempotency_record where created_at < now() - :ttl * interval '1 millisecond'
                        limit :limit))""")
                    .bind("ttl", ttl.toMillis()).bind("limit", limit).fetch().rowsUpdated();
        });
    }

    private Mono<Void> update(IdempotencyClaim claim, String sql, @Nullable String response) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            var spec = db.sql(sql).bind("tenant", claim.tenant()).bind("key", claim.key()).bind("claim", claim.token());
            return (response == null ? spec : spec.bind("response", response)).fetch().rowsUpdated().then();
        });
    }
}
