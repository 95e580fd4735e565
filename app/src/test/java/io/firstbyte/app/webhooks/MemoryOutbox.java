package io.firstbyte.app.webhooks;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox in memory, with PostgresOutbox's claiming rules, for the sender's virtual-time tests. */
final class MemoryOutbox implements Outbox {

    enum State { PENDING, DELIVERED, GAVE_UP }

    record Row(Delivery delivery, Instant due, @Nullable Instant lockedUntil, State state, String lastError) {
    }

    private final Map<UUID, Row> rows = new ConcurrentHashMap<>();
    private final Map<UUID, Optional<WebhookTarget>> targets = new ConcurrentHashMap<>();
    final AtomicInteger failClaims = new AtomicInteger();

    UUID add(UUID tenant, String event, String payload, Instant due) {
        UUID id = UUID.randomUUID();
        rows.put(id, new Row(new Delivery(id, tenant, event, payload, 0), due, null, State.PENDING, ""));
        return id;
    }

    void target(UUID tenant, @Nullable WebhookTarget target) {
        targets.put(tenant, Optional.ofNullable(target));
    }

    Row row(UUID id) {
        return rows.get(id);
    }

    @Override
    public Flux<Delivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        if (failClaims.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Flux.error(new IllegalStateException("database unreachable"));
        }
        List<Row> due = rows.values().stream()
                .filter(row -> row.state() == State.PENDING && !row.due().isAfter(now)
                        && (row.lockedUntil() == null || !row.lockedUntil().isAfter(now)))
                .sorted(Comparator.comparing(Row::due)).limit(limit).toList();
        due.forEach(row -> rows.put(row.delivery().id(), new Row(row.delivery(), row.due(), leaseUntil, row.state(), row.lastError())));
        return Flux.fromIterable(due).map(Row::delivery);
    }

    @Override
    public Mono<Optional<WebhookTarget>> target(UUID tenant) {
        return Mono.just(targets.getOrDefault(tenant, Optional.empty()));
    }

    @Override
    public Mono<Void> delivered(Delivery delivery, Instant at) {
        return update(delivery, delivery.attempts() + 1, at, State.DELIVERED, "");
    }

    @Override
    public Mono<Void> retry(Delivery delivery, int attempts, Instant next, String error) {
        return update(delivery, attempts, next, State.PENDING, error);
    }

    @Override
    public Mono<Void> gaveUp(Delivery delivery, int attempts, Instant at, String error) {
        return update(delivery, attempts, at, State.GAVE_UP, error);
    }

    private Mono<Void> update(Delivery delivery, int attempts, Instant due, State state, String error) {
        return Mono.fromRunnable(() -> rows.put(delivery.id(), new Row(new Delivery(delivery.id(), delivery.tenant(),
                delivery.event(), delivery.payload(), attempts), due, null, state, error)));
    }
}
