package io.firstbyte.app.booking;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The booking changes running now, detached from whoever asked for them (a call that ended, a
 * client that went away). Shutdown waits for them: this lifecycle stops after the calls have
 * drained and the web server has stopped, and before the database pool is closed, so a change is
 * never cut between its commit and its stored answer. Bounded by the change's own timeouts.
 */
public final class WritesInFlight implements SmartLifecycle {

    /** After the web server stops ({@code Integer.MAX_VALUE - 2048}), before the stores close (bean destruction). */
    public static final int PHASE = 0;
    /** Longer than one change may take: its claim's lease. */
    static final Duration LONGEST = IdempotentWrites.LEASE.plusSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(WritesInFlight.class);

    private final AtomicInteger running = new AtomicInteger();
    private final Scheduler scheduler;
    private volatile boolean started;

    public WritesInFlight(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** {@code write}, counted while it runs. */
    public <T> Mono<T> track(Mono<T> write) {
        return Mono.defer(() -> {
            running.incrementAndGet();
            return write.doFinally(signal -> running.decrementAndGet());
        });
    }

    public int count() {
        return running.get();
    }

    /** Completes when no change runs, or after {@code within}. */
    public Mono<Void> idle(Duration within) {
        return Flux.interval(Duration.ZERO, POLL, scheduler)
                .filter(tick -> running.get() == 0)
                .next()
                .take(within, scheduler)
                .then();
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        idle(LONGEST).block();
        started = false;
    }

    @Override
    public void stop(Runnable callback) {
        int now = running.get();
        if (now > 0) {
            log.info("waiting for {} booking changes to finish before the stores close", now);
        }
        idle(LONGEST).doFinally(signal -> {
            started = false;
            if (running.get() > 0) {
                log.warn("{} booking changes still running after {}; closing the stores anyway", running.get(), LONGEST);
            }
            callback.run();
        }).subscribe();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
