package io.firstbyte.adapters.guard;

import io.firstbyte.adapters.http.ProviderFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Retries a stream only while it has delivered nothing: a resubscribed token or audio stream would
 * repeat what the caller already heard. Only transient failures are retried, after an exponential
 * backoff or the provider's {@code Retry-After}, whichever is longer; a longer {@code Retry-After}
 * than the settings allow gives up at once so that failover can act.
 */
final class RetryBeforeFirst extends Retry {

    private static final Logger log = LoggerFactory.getLogger(RetryBeforeFirst.class);

    private final String provider;
    private final GuardSettings settings;
    private final AtomicBoolean delivered;
    private final Scheduler scheduler;

    RetryBeforeFirst(String provider, GuardSettings settings, AtomicBoolean delivered, Scheduler scheduler) {
        this.provider = provider;
        this.settings = settings;
        this.delivered = delivered;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<Long> generateCompanion(Flux<RetrySignal> signals) {
        return signals.concatMap(signal -> {
            Throwable failure = signal.failure();
            if (delivered.get() || signal.totalRetries() >= settings.maxRetries() || !ProviderFailure.isRetryable(failure)) {
                return Mono.error(failure);
            }
            Duration wait = backoff(signal.totalRetries());
            if (failure instanceof ProviderFailure withAdvice && withAdvice.retryAfter().isPresent()) {
                Duration asked = withAdvice.retryAfter().get();
                if (asked.compareTo(settings.maxRetryAfter()) > 0) {
                    return Mono.error(failure);
                }
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            log.info("{}: retrying after {} (retry {} in {} ms)", provider, failure.getMessage(),
                    signal.totalRetries() + 1, wait.toMillis());
            return Mono.delay(wait, scheduler);
        });
    }

    private Duration backoff(long retriesSoFar) {
        return settings.retryBackoff().multipliedBy(1L << Math.min(retriesSoFar, 10));
    }
}
