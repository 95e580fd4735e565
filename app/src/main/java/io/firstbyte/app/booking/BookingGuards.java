package io.firstbyte.app.booking;

import io.firstbyte.app.booking.store.SqlStates;
import io.firstbyte.pipeline.tool.ToolException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * resilience4j around every PostgreSQL call, in one visible order. Reads: a time limit over the
 * whole read, retries (2 attempts, 100 ms apart) only for failures that are not answers, and the
 * database circuit breaker. Writes: the breaker and a time limit, never a retry. Plus a rate limiter
 * per tenant over every operation. Integrity violations and tool errors are answers, not failures.
 *
 * <p>The breaker opens after 5 failures in a row and stays open briefly: {@code openFor} the first
 * time, doubling after each failed probe up to {@value #MAX_OPEN_FACTOR} times that, and a closed
 * breaker starts again from {@code openFor}. It moves to half-open by itself when the wait is over,
 * lets 2 probes through and closes when they succeed. A database that restarts is thus used again
 * within one short wait of accepting connections, instead of a fixed minute later.
 */
public final class BookingGuards {

    /** The longest open wait, as a multiple of the first. */
    public static final int MAX_OPEN_FACTOR = 4;

    private final CircuitBreaker database;
    private final Retry readRetry;
    private final TimeLimiter readLimit;
    private final TimeLimiter writeLimit;
    private final RateLimiterRegistry tenants;

    public BookingGuards(Duration readTimeout, Duration writeTimeout, Duration openFor, int tenantRequestsPerSecond) {
        this(readTimeout, writeTimeout, openFor, tenantRequestsPerSecond, Clock.systemUTC(), true);
    }

    /**
     * With the breaker's own {@code clock}; {@code automaticTransition} false leaves the move to
     * half-open to the first call after the wait (for tests on a controllable clock).
     */
    public BookingGuards(Duration readTimeout, Duration writeTimeout, Duration openFor, int tenantRequestsPerSecond,
                         Clock clock, boolean automaticTransition) {
        this.database = CircuitBreaker.of("postgresql", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(100)
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialBackoff(openFor, 2,
                        openFor.multipliedBy(MAX_OPEN_FACTOR)))
                .automaticTransitionFromOpenToHalfOpenEnabled(automaticTransition)
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordException(BookingGuards::isFailure)
                .clock(clock)
                .build(), java.util.Map.of("component", "store"));
        this.readRetry = Retry.of("postgresql-read", RetryConfig.custom()
                .maxAttempts(2)
                .waitDuration(Duration.ofMillis(100))
                .retryOnException(error -> isFailure(error)
                        && !(error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException))
                .build());
        this.readLimit = TimeLimiter.of("postgresql-read", TimeLimiterConfig.custom().timeoutDuration(readTimeout).build());
        this.writeLimit = TimeLimiter.of("postgresql-write", TimeLimiterConfig.custom().timeoutDuration(writeTimeout).build());
        this.tenants = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(tenantRequestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    public <T> Mono<T> read(Mono<T> call) {
        return call.transformDeferred(CircuitBreakerOperator.of(database))
                .transformDeferred(RetryOperator.of(readRetry))
                .transformDeferred(TimeLimiterOperator.of(readLimit));
    }

    public <T> Mono<T> write(Mono<T> call) {
        return call.transformDeferred(CircuitBreakerOperator.of(database))
                .transformDeferred(TimeLimiterOperator.of(writeLimit));
    }

    public <T> Mono<T> perTenant(String tenantId, Mono<T> operation) {
        return operation.transformDeferred(RateLimiterOperator.of(tenants.rateLimiter(tenantId)));
    }

    public CircuitBreaker databaseBreaker() {
        return database;
    }

    static boolean isFailure(Throwable error) {
        return !(error instanceof ToolException) && !SqlStates.isIntegrity(error);
    }
}
