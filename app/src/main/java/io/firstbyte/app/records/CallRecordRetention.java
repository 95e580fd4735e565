package io.firstbyte.app.records;

import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Enforces the retention of call records: shortly after start-up and then every {@code every}, deletes
 * the records of calls that ended more than {@code retention} ago, in chunks of {@code chunk} rows so
 * that no single statement holds the table long. A failed sweep is logged and tried again next time.
 */
public final class CallRecordRetention {

    private static final Logger log = LoggerFactory.getLogger(CallRecordRetention.class);
    private static final Duration FIRST_SWEEP_AFTER = Duration.ofSeconds(30);

    private final CallRecordStore store;
    private final Duration retention;
    private final Duration every;
    private final int chunk;
    private final Clock clock;
    private final Scheduler scheduler;
    private @Nullable Disposable loop;

    public CallRecordRetention(CallRecordStore store, Duration retention, Duration every, int chunk, Clock clock,
                               Scheduler scheduler) {
        this.store = store;
        this.retention = retention;
        this.every = every;
        this.chunk = chunk;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Flux.interval(FIRST_SWEEP_AFTER, every, scheduler)
                    .onBackpressureDrop()
                    .concatMap(tick -> sweep().onErrorResume(error -> {
                        log.warn("call records past their retention could not be deleted ({}); trying again in {}",
                                error.getClass().getSimpleName(), every);
                        return Mono.empty();
                    }), 0)
                    .subscribe();
        }
    }

    public synchronized void stop() {
        if (loop != null) {
            loop.dispose();
            loop = null;
        }
    }

    /** Deletes every record past the retention, chunk by chunk; the number deleted. */
    public Mono<Long> sweep() {
        return Mono.defer(() -> {
            var cutoff = clock.instant().minus(retention);
            return store.deleteEndedBefore(cutoff, chunk)
                    .expand(deleted -> deleted < chunk ? Mono.empty() : store.deleteEndedBefore(cutoff, chunk))
                    .reduce(0L, Long::sum)
                    .doOnNext(deleted -> {
                        if (deleted > 0) {
                            log.info("deleted {} call records that ended before {}", deleted, cutoff);
                        }
                    });
        });
    }
}
