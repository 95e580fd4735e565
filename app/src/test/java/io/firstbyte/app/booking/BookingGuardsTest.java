package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class BookingGuardsTest {

    final BookingGuards guards = new BookingGuards(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(60), 10);

    @Test
    void fiveFailedWritesOpenTheBreakerAndTheNextCallFailsFastWithoutTouchingTheDatabase() {
        AtomicInteger calls = new AtomicInteger();
        Mono<String> down = Mono.defer(() -> {
            calls.incrementAndGet();
            return Mono.error(new R2dbcNonTransientResourceException("connection refused"));
        });
        for (int i = 0; i < 5; i++) {
            guards.write(down).onErrorResume(e -> Mono.empty()).block();
        }

        StepVerifier.create(guards.write(down)).expectError(CallNotPermittedException.class).verify();
        assertThat(calls).hasValue(5);
        assertThat(guards.databaseBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void conflictsAreAnswersSoTheyNeverOpenTheBreaker() {
        Mono<String> taken = Mono.error(new R2dbcDataIntegrityViolationException("overlap", "23P01"));
        for (int i = 0; i < 10; i++) {
            guards.write(taken).onErrorResume(e -> Mono.empty()).block();
        }

        assertThat(guards.databaseBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailedReadIsRetriedOnceAWriteNever() {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();

        guards.read(Mono.defer(() -> Mono.error(new R2dbcNonTransientResourceException("x", "08006")))
                .doOnSubscribe(s -> reads.incrementAndGet())).onErrorResume(e -> Mono.empty()).block();
        guards.write(Mono.defer(() -> Mono.error(new R2dbcNonTransientResourceException("x", "08006")))
                .doOnSubscribe(s -> writes.incrementAndGet())).onErrorResume(e -> Mono.empty()).block();

        assertThat(reads).hasValue(2);
        assertThat(writes).hasValue(1);
    }

    @Test
    void aReadThatHangsTimesOutAfterTheAvailabilityTimeout() {
        StepVerifier.withVirtualTime(() -> guards.read(Mono.never()))
                .thenAwait(Duration.ofSeconds(3))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void theTenantRateLimitRejectsTheRequestOverTheLimit() {
        for (int i = 0; i < 10; i++) {
            guards.perTenant("t1", Mono.just(i)).block();
        }

        StepVerifier.create(guards.perTenant("t1", Mono.just(11)))
                .expectError(io.github.resilience4j.ratelimiter.RequestNotPermitted.class).verify();
        StepVerifier.create(guards.perTenant("t2", Mono.just(1))).expectNext(1).verifyComplete();
    }
}
