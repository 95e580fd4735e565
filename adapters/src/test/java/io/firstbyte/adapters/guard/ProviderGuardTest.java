package io.firstbyte.adapters.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ProviderGuardTest {

    private static final BreakerSettings SMALL_BREAKER = new BreakerSettings(50, 4, 4, Duration.ofSeconds(30), 1);
    private static final GuardSettings SETTINGS = new GuardSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 1,
            Duration.ofMillis(100), Duration.ofSeconds(1), SMALL_BREAKER);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final AtomicInteger subscriptions = new AtomicInteger();

    private ProviderGuard guard(GuardSettings settings) {
        return new ProviderGuard("fake", settings, time);
    }

    private <T> Flux<T> counted(Flux<T> source) {
        return source.doOnSubscribe(s -> subscriptions.incrementAndGet());
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void noFirstResultWithinTheLimitIsATimeout() {
        ProviderGuard guard = guard(SETTINGS.withRetries(0));

        StepVerifier.withVirtualTime(() -> guard.protect(Flux.never()), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorMatches(error -> category(error, ErrorCategory.TIMEOUT)
                        && error.getMessage().contains("no first result within 2000 ms"))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aGapLongerThanTheLimitBetweenResultsIsATimeout() {
        ProviderGuard guard = guard(SETTINGS);

        StepVerifier.withVirtualTime(() -> guard.protect(Flux.concat(Flux.just("token"), Flux.never())), () -> time, Long.MAX_VALUE)
                .expectNext("token")
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorMatches(error -> category(error, ErrorCategory.TIMEOUT)
                        && error.getMessage().contains("no next result within 1000 ms"))
                .verify(Duration.ofSeconds(20));
        assertThat(guard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void cancellingAStreamIsNeverCountedAsAFailure() {
        ProviderGuard guard = guard(SETTINGS);
        for (int i = 0; i < 10; i++) {
            StepVerifier.create(guard.protect(Flux.never())).thenCancel().verify(Duration.ofSeconds(20));
            StepVerifier.create(guard.protect(Flux.concat(Flux.just(1), Flux.never()))).expectNext(1).thenCancel()
                    .verify(Duration.ofSeconds(20));
        }

        assertThat(guard.breaker().getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failuresOfTheSameNumberOpenTheBreaker() {
        ProviderGuard guard = guard(SETTINGS.withRetries(0));
        for (int i = 0; i < 4; i++) {
            StepVerifier.create(guard.protect(Flux.error(ProviderFailure.of("fake", ErrorCategory.SERVER, "boom"))))
                    .expectError().verify(Duration.ofSeconds(20));
        }

        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(guard.permitsCalls()).isFalse();
    }

    @Test
    void anOpenBreakerFailsFastWithoutCallingTheProvider() {
        ProviderGuard guard = guard(SETTINGS.withRetries(0));
        guard.breaker().transitionToOpenState();

        StepVerifier.create(guard.protect(counted(Flux.just(1))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(CircuitOpenException.class))
                .verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(0);
    }

    @Test
    void theBreakerLetsATrialCallThroughAfterItsOpenTimeOnTheSchedulerClock() {
        ProviderGuard guard = guard(SETTINGS.withRetries(0));
        guard.breaker().transitionToOpenState();

        time.advanceTimeBy(Duration.ofSeconds(31));

        StepVerifier.create(guard.protect(counted(Flux.just(1)))).expectNext(1).expectComplete().verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void aRequestWeGotWrongDoesNotOpenTheBreaker() {
        ProviderGuard guard = guard(SETTINGS.withRetries(0));
        for (int i = 0; i < 8; i++) {
            StepVerifier.create(guard.protect(Flux.error(ProviderFailure.of("fake", ErrorCategory.INVALID_REQUEST, "bad"))))
                    .expectError().verify(Duration.ofSeconds(20));
        }

        assertThat(guard.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTransientFailureBeforeTheFirstResultIsRetried() {
        ProviderGuard guard = guard(SETTINGS);
        Flux<Integer> failsOnce = Flux.defer(() -> subscriptions.incrementAndGet() == 1
                ? Flux.error(ProviderFailure.of("fake", ErrorCategory.SERVER, "502"))
                : Flux.just(1, 2));

        StepVerifier.withVirtualTime(() -> guard.protect(failsOnce), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1, 2)
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void aFailureAfterTheFirstResultIsNeverRetried() {
        ProviderGuard guard = guard(SETTINGS.withRetries(3));
        Flux<Integer> breaksMidway = counted(Flux.concat(Flux.just(1),
                Flux.error(ProviderFailure.of("fake", ErrorCategory.CONNECTIVITY, "reset"))));

        StepVerifier.withVirtualTime(() -> guard.protect(breaksMidway), () -> time, Long.MAX_VALUE)
                .expectNext(1)
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY))
                .verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        ProviderGuard guard = guard(SETTINGS.withRetries(3));

        StepVerifier.create(guard.protect(counted(Flux.error(ProviderFailure.of("fake", ErrorCategory.AUTHENTICATION, "401")))))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void aRetryWaitsAsLongAsTheProviderAsks() {
        ProviderGuard guard = guard(SETTINGS);
        Flux<Integer> limited = Flux.defer(() -> subscriptions.incrementAndGet() == 1
                ? Flux.error(rateLimited(Duration.ofMillis(700)))
                : Flux.just(1));

        StepVerifier.withVirtualTime(() -> guard.protect(limited), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(699))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1)
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void aRetryAfterLongerThanAllowedGivesUpAtOnceSoThatFailoverCanAct() {
        ProviderGuard guard = guard(SETTINGS.withRetries(3));

        StepVerifier.withVirtualTime(() -> guard.protect(counted(Flux.error(rateLimited(Duration.ofSeconds(20))))),
                        () -> time, Long.MAX_VALUE)
                .expectErrorMatches(error -> category(error, ErrorCategory.RATE_LIMIT))
                .verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(1);
    }

    @Test
    void aProviderMarkedNotRetryableIsNotRetriedEvenWhenItsCategoryIsTransient() {
        ProviderGuard guard = guard(SETTINGS.withRetries(3));
        ProviderFailure quota = new ProviderFailure("fake", ErrorCategory.RATE_LIMIT, "quota", null, false, null);

        StepVerifier.create(guard.protect(counted(Flux.error(quota)))).expectError().verify(Duration.ofSeconds(20));
        assertThat(subscriptions).hasValue(1);
    }

    private static ProviderFailure rateLimited(Duration retryAfter) {
        return new ProviderFailure("fake", ErrorCategory.RATE_LIMIT, "429", retryAfter, true, null);
    }
}
