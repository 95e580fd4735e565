package io.firstbyte.adapters.guard;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Guards one provider's streams, in this order: a timeout for the first result and another for
 * each gap between results (classified {@code TIMEOUT}), then the provider's circuit breaker,
 * then retries — only before the first result, only for transient failures. A cancelled stream
 * (barge-in) is never counted as a failure: the breaker releases its permit, or counts a success
 * when results had arrived. Apply with {@code transformDeferred(guard::protect)}; one guard per
 * provider, shared by all calls, so its breaker sees the provider's health across calls.
 */
public final class ProviderGuard {

    private final String provider;
    private final GuardSettings settings;
    private final CircuitBreaker breaker;
    private final Scheduler scheduler;

    /** A guard with its own breaker, whose open-state wait runs on {@code scheduler}'s clock. */
    public ProviderGuard(String provider, GuardSettings settings, Scheduler scheduler) {
        this(provider, settings, CircuitBreaker.of(provider, settings.breaker().toConfig(clockOf(scheduler))), scheduler);
    }

    /**
     * The breaker a guard of {@code provider} makes for itself (open-state wait on {@code scheduler}'s
     * clock), carrying {@code tags} for whoever exports its metrics.
     */
    public static CircuitBreaker breaker(String provider, GuardSettings settings, Scheduler scheduler, Map<String, String> tags) {
        return CircuitBreaker.of(provider, settings.breaker().toConfig(clockOf(scheduler)), tags);
    }

    /** A guard around a breaker made elsewhere (for example from a registry that exports metrics). */
    public ProviderGuard(String provider, GuardSettings settings, CircuitBreaker breaker, Scheduler scheduler) {
        this.provider = provider;
        this.settings = settings;
        this.breaker = breaker;
        this.scheduler = scheduler;
    }

    public String provider() {
        return provider;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Whether the breaker would let a call through now. */
    public boolean permitsCalls() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> false;
            default -> true;
        };
    }

    public <T> Flux<T> protect(Flux<T> source) {
        return protect(source, Deadlines.fromSubscription());
    }

    /** Guards {@code source}, whose results fall due as {@code deadlines} says. */
    public <T> Flux<T> protect(Flux<T> source, Deadlines<T> deadlines) {
        return Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            return Flux.defer(() -> timed(source, deadlines))
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .onErrorMap(CallNotPermittedException.class, open -> new CircuitOpenException(provider, open))
                    .doOnNext(result -> delivered.set(true))
                    .retryWhen(new RetryBeforeFirst(provider, settings, delivered, scheduler));
        });
    }

    private <T> Flux<T> timed(Flux<T> source, Deadlines<T> deadlines) {
        AtomicBoolean started = new AtomicBoolean();
        return source
                .timeout(deadlines.first(settings.firstResult(), scheduler),
                        result -> deadlines.after(result, settings.gap(), scheduler))
                .doOnNext(result -> started.set(true))
                .onErrorMap(error -> classify(error, started.get()));
    }

    private Throwable classify(Throwable error, boolean started) {
        if (error instanceof TimeoutException) {
            Duration limit = started ? settings.gap() : settings.firstResult();
            return ProviderFailure.of(provider, ErrorCategory.TIMEOUT,
                    (started ? "no next result within " : "no first result within ") + limit.toMillis() + " ms");
        }
        return FailureClassifier.classify(provider, error);
    }

    private static Clock clockOf(Scheduler scheduler) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
            }
        };
    }
}
