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
    void anOpenBreakerProbesAfterHalfASecondBacksOffToTwoSecondsAndClosesAfterTwoGoodProbes() {
        MutableClock clock = new MutableClock();
        BookingGuards guarded = new BookingGuards(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(500), 10,
                clock, false);
        CircuitBreaker breaker = guarded.databaseBreaker();
        Mono<String> down = Mono.error(new R2dbcNonTransientResourceException("connection refused"));
        for (int i = 0; i < 5; i++) {
            guarded.write(down).onErrorResume(e -> Mono.empty()).block();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        // each failed probe doubles the wait: 500 ms, 1 s, 2 s, then 2 s again (capped at 4x)
        for (long waitMillis : new long[] {500, 1000, 2000, 2000}) {
            clock.advance(Duration.ofMillis(waitMillis - 1));
            StepVerifier.create(guarded.write(down)).expectError(CallNotPermittedException.class).verify();
            clock.advance(Duration.ofMillis(2));
            StepVerifier.create(guarded.write(down)).as("probe after " + waitMillis + " ms")
                    .expectError(R2dbcNonTransientResourceException.class).verify();
            guarded.write(down).onErrorResume(e -> Mono.empty()).block();
            assertThat(breaker.getState()).as("after the probes at %d ms", waitMillis).isEqualTo(CircuitBreaker.State.OPEN);
        }

        clock.advance(Duration.ofMillis(2001));
        StepVerifier.create(guarded.write(Mono.just("ok"))).expectNext("ok").verifyComplete();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        StepVerifier.create(guarded.read(Mono.just("ok"))).expectNext("ok").verifyComplete();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        // a closed breaker starts again from the shortest wait
        for (int i = 0; i < 5; i++) {
            guarded.write(down).onErrorResume(e -> Mono.empty()).block();
        }
        clock.advance(Duration.ofMillis(501));
        StepVerifier.create(guarded.write(Mono.just("ok"))).expectNext("ok").verifyComplete();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    }

    @Test
    void theBreakerMovesToHalfOpenByItselfWhenNothingCallsIt() {
        BookingGuards guarded = new BookingGuards(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMillis(50), 10);
        for (int i = 0; i < 5; i++) {
            guarded.write(Mono.error(new R2dbcNonTransientResourceException("down"))).onErrorResume(e -> Mono.empty()).block();
        }

        assertThat(guarded.databaseBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> guarded.databaseBreaker().getState() == CircuitBreaker.State.HALF_OPEN);
    }

    /** A clock that moves only when told to. */
    static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-23T14:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
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
