package io.firstbyte.app.booking;

import io.firstbyte.app.booking.store.IdempotencyClaim;
import io.firstbyte.app.booking.store.IdempotencyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exactly once under retries, for every booking change with an idempotency key, across server
 * instances. The first request of a key claims it in PostgreSQL and executes; its answer is stored
 * and every repeat of the same request gets that answer, also while the first is still running (the
 * repeats wait for it). A different request under a used key is refused. A failed attempt gives
 * its claim up, so the key can be used again; an attempt that vanished (a crashed instance) loses
 * its claim when its lease runs out, and a booking it committed is read back, never made twice.
 */
public final class IdempotentWrites {

    static final Duration TTL = Duration.ofHours(24);
    /** Longer than a booking change takes within its own timeouts; a claim older than this may be taken over. */
    static final Duration LEASE = Duration.ofSeconds(15);
    /** How long a repeat waits for the first request's answer: past the lease, so a vanished holder is replaced. */
    static final Duration MAX_WAIT = Duration.ofSeconds(20);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final int SWEEP_LIMIT = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private sealed interface Turn {
        record Won(IdempotencyClaim claim) implements Turn {
        }

        record Answered(JsonNode answer) implements Turn {
        }
    }

    private final IdempotencyStore store;
    private final BookingGuards guards;
    private final Clock clock;
    private final WritesInFlight inFlight;
    private final AtomicLong nextSweep = new AtomicLong();

    public IdempotentWrites(IdempotencyStore store, BookingGuards guards, Clock clock) {
        this(store, guards, clock, new WritesInFlight(Schedulers.parallel()));
    }

    /** The same; every change it executes is counted in {@code inFlight} until it has its stored answer. */
    public IdempotentWrites(IdempotencyStore store, BookingGuards guards, Clock clock, WritesInFlight inFlight) {
        this.store = store;
        this.guards = guards;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /**
     * The answer of the request {@code fingerprint} under {@code key}: {@code work}'s, executed at most
     * once per key (it is given the claim, to make its change under), or the stored answer of an
     * earlier execution.
     */
    public Mono<JsonNode> once(UUID tenant, IdempotencyKey key, String fingerprint, Function<IdempotencyClaim, Mono<JsonNode>> work) {
        return sweepIfDue().then(turn(tenant, key, fingerprint)).flatMap(turn -> switch (turn) {
            case Turn.Answered answered -> Mono.just(answered.answer());
            case Turn.Won won -> detached(inFlight.track(execute(won.claim(), work)))
                    .onErrorResume(IdempotencyClaim.Lost.class, lost -> once(tenant, key, fingerprint, work));
        });
    }

    /** Claims the key, or waits (bounded) until the request that holds it has answered. */
    private Mono<Turn> turn(UUID tenant, IdempotencyKey key, String fingerprint) {
        Mono<Turn> attempt = Mono.defer(() -> guards.write(store.claim(tenant, key.stored(), fingerprint, LEASE, TTL))
                .<Turn>map(Turn.Won::new)
                .switchIfEmpty(Mono.defer(() -> guards.read(store.find(tenant, key.stored(), TTL))
                        .flatMap(seen -> answered(seen, key, fingerprint)))));
        return attempt
                .repeatWhenEmpty(attempts -> attempts.concatMap(n -> Mono.delay(pause(n))))
                .timeout(MAX_WAIT, Mono.error(() -> BookingFailures.keyInProgress(key.quoted())));
    }

    private static Mono<Turn> answered(IdempotencyStore.Seen seen, IdempotencyKey key, String fingerprint) {
        if (!seen.fingerprint().equals(fingerprint)) {
            return Mono.error(BookingFailures.keyReused(key.quoted()));
        }
        return seen.response() == null ? Mono.empty() : Mono.just(new Turn.Answered(JSON.readTree(seen.response())));
    }

    /** Runs the claim's request and stores its answer; a failure gives the claim up. */
    private Mono<JsonNode> execute(IdempotencyClaim claim, Function<IdempotencyClaim, Mono<JsonNode>> work) {
        return Mono.defer(() -> work.apply(claim))
                .flatMap(answer -> guards.write(store.answer(claim, answer.toString()))
                        .onErrorResume(error -> release(claim))
                        .thenReturn(answer))
                .onErrorResume(error -> !(error instanceof IdempotencyClaim.Lost), error -> release(claim).then(Mono.error(error)));
    }

    private Mono<Void> release(IdempotencyClaim claim) {
        return guards.write(store.release(claim)).onErrorResume(error -> Mono.empty());
    }

    private Mono<Void> sweepIfDue() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY.toMillis())) {
            return Mono.empty();
        }
        return guards.write(store.sweep(TTL, SWEEP_LIMIT)).onErrorResume(error -> Mono.empty()).then();
    }

    /** 5, 10, 20 … ms, at most 200 ms between looks at the record. */
    private static Duration pause(long attempt) {
        return Duration.ofMillis(Math.min(200, 5L << Math.min(attempt, 6)));
    }

    /**
     * Lets the claim's request finish when its caller goes away (an HTTP client disconnecting, a
     * tool timeout): a change must not be cut between its commit and its stored answer, and its
     * repeats are waiting for that answer. Bounded by the change's own timeouts.
     */
    private static <T> Mono<T> detached(Mono<T> work) {
        return Mono.deferContextual(context -> {
            Sinks.One<T> outcome = Sinks.one();
            work.contextWrite(context).subscribe(outcome::tryEmitValue, outcome::tryEmitError, outcome::tryEmitEmpty);
            return outcome.asMono();
        });
    }
}
