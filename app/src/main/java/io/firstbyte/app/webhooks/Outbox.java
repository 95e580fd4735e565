package io.firstbyte.app.webhooks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the {@link WebhookSender} reads and records; PostgreSQL in production ({@link PostgresOutbox}). */
public interface Outbox {

    /**
     * Up to {@code limit} deliveries due at {@code now} that no sender holds, each now held until
     * {@code leaseUntil} (so another instance skips them while this one sends).
     */
    Flux<Delivery> claimDue(Instant now, int limit, Instant leaseUntil);

    /** The business's webhook URL and secret as they are now; empty when it has no URL any more. */
    Mono<Optional<WebhookTarget>> target(UUID tenant);

    Mono<Void> delivered(Delivery delivery, Instant at);

    /** A failed attempt ({@code attempts} so far) to be tried again at {@code next}. */
    Mono<Void> retry(Delivery delivery, int attempts, Instant next, String error);

    /** A failed attempt after which no other is made. */
    Mono<Void> gaveUp(Delivery delivery, int attempts, Instant at, String error);
}
