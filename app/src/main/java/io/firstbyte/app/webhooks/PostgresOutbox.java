package io.firstbyte.app.webhooks;

import io.firstbyte.app.tenant.WebhookSecrets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox in PostgreSQL ({@code webhook_outbox}). Claiming takes due rows with {@code FOR UPDATE
 * SKIP LOCKED} and leases them in one statement, so senders on several instances never send the same
 * row at once. A business's target is read fresh for every attempt: a changed URL or secret applies to
 * the retries of earlier events too.
 */
public final class PostgresOutbox implements Outbox {

    private final DatabaseClient db;
    private final WebhookSecrets secrets;

    public PostgresOutbox(DatabaseClient db, WebhookSecrets secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    @Override
    public Flux<Delivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        return db.sql("""
                        update webhook_outbox o set locked_until = :lease
                        where o.id in (select id from webhook_outbox
                                       where delivered_at is null and failed_at is null and next_attempt_at <= :now
                                         and (locked_until is null or locked_until <= :now)
                                       order by next_attempt_at limit :limit for update skip locked)
                        returning o.id, o.tenant_id, o.event, o.payload, o.attempts""")
                .bind("lease", utc(leaseUntil)).bind("now", utc(now)).bind("limit", limit)
                .map(row -> new Delivery(row.get("id", UUID.class), row.get("tenant_id", UUID.class),
                        row.get("event", String.class), row.get("payload", String.class), row.get("attempts", Integer.class)))
                .all();
    }

    @Override
    public Mono<Optional<WebhookTarget>> target(UUID tenant) {
        return db.sql("select webhook_url, webhook_secret from tenant where id = :id")
                .bind("id", tenant)
                .map(row -> {
                    String url = row.get("webhook_url", String.class);
                    byte[] sealed = row.get("webhook_secret", byte[].class);
                    return url == null ? Optional.<WebhookTarget>empty()
                            : Optional.of(new WebhookTarget(url, sealed == null ? null : secrets.open(tenant.toString(), sealed)));
                })
                .one()
                .defaultIfEmpty(Optional.empty());
    }

    @Override
    public Mono<Void> delivered(Delivery delivery, Instant at) {
        return db.sql("update webhook_outbox set attempts = attempts + 1, delivered_at = :at, locked_until = null, "
                        + "last_error = null where id = :id")
                .bind("at", utc(at)).bind("id", delivery.id()).fetch().rowsUpdated().then();
    }

    @Override
    public Mono<Void> retry(Delivery delivery, int attempts, Instant next, String error) {
        return db.sql("update webhook_outbox set attempts = :attempts, next_attempt_at = :next, locked_until = null, "
                        + "last_error = :error where id = :id")
                .bind("attempts", attempts).bind("next", utc(next)).bind("error", error).bind("id", delivery.id())
                .fetch().rowsUpdated().then();
    }

    @Override
    public Mono<Void> gaveUp(Delivery delivery, int attempts, Instant at, String error) {
        return db.sql("update webhook_outbox set attempts = :attempts, failed_at = :at, locked_until = null, "
                        + "last_error = :error where id = :id")
                .bind("attempts", attempts).bind("at", utc(at)).bind("error", error).bind("id", delivery.id())
                .fetch().rowsUpdated().then();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
