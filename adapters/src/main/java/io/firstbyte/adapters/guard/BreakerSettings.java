package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;

/**
 * When a provider's circuit opens: {@code failureRatePercent} of the last {@code window} calls
 * failed (once at least {@code minimumCalls} were made); it stays open {@code openFor}, then lets
 * {@code halfOpenCalls} trial calls through.
 */
public record BreakerSettings(float failureRatePercent, int window, int minimumCalls, Duration openFor, int halfOpenCalls) {

    public static final BreakerSettings DEFAULTS = new BreakerSettings(50, 20, 5, Duration.ofSeconds(30), 2);

    public BreakerSettings {
        if (failureRatePercent <= 0 || failureRatePercent > 100 || window < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
            throw new IllegalArgumentException("invalid breaker settings: " + failureRatePercent + "% of " + window);
        }
    }

    /** The resilience4j configuration; {@code clock} drives the open-state wait. */
    public CircuitBreakerConfig toConfig(Clock clock) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRatePercent)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .recordException(BreakerSettings::countsAsFailure)
                .clock(clock)
                .build();
    }

    /** A request we got wrong says nothing about the provider's health; everything else does. */
    static boolean countsAsFailure(Throwable error) {
        return !(error instanceof ProviderException provider && provider.category() == ErrorCategory.INVALID_REQUEST);
    }
}
