package io.firstbyte.app.capacity;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.pipeline.control.CallLimit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Shutting down without cutting a call. When the application context closes (SIGTERM), this is
 * stopped first, before the web server's own graceful shutdown: new calls are refused from that
 * moment (the web server still serves, so each entry point refuses in its own way, and readiness
 * answers 503), and the live calls run on until they end or the drain timeout passes; then each
 * hears the drain goodbye and ends, and any call that cannot say it within the goodbye's grace is
 * hung up. Only then does shutdown go on (web server, stores), and the process exits.
 *
 * <p>Not stopped when the context is only paused (Spring's test context cache pauses the contexts it
 * keeps between test classes): a paused application is not leaving, and a drain cannot be undone by
 * the restart that follows. An application stopped and started again (as a checkpoint and restore
 * does) takes calls again: {@link #start()} ends a drain, and the calls it was waiting for are left alone.
 */
public final class CallDrain implements SmartLifecycle {

    /** Stopped before everything else, the web server's graceful shutdown ({@code Integer.MAX_VALUE - 1024}) included. */
    public static final int PHASE = Integer.MAX_VALUE;
    /** Beyond the goodbye's own grace, for the calls' connections to close. */
    static final Duration CLOSE_MARGIN = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(CallDrain.class);

    private final CallAdmission admission;
    private final LiveCalls live;
    private final Duration timeout;
    private final Consumer<Boolean> acceptingTraffic;
    private final Scheduler scheduler;
    /** A drain that runs on after {@link #stop(Runnable)} returned. */
    private final AtomicReference<Disposable> inFlight = new AtomicReference<>();
    private volatile boolean running;

    /**
     * @param acceptingTraffic tells the application whether it accepts traffic (readiness): {@code false}
     *                         when the drain begins, {@code true} when a start ends it
     */
    public CallDrain(CallAdmission admission, LiveCalls live, Duration timeout, Consumer<Boolean> acceptingTraffic,
                     Scheduler scheduler) {
        this.admission = admission;
        this.live = live;
        this.timeout = timeout;
        this.acceptingTraffic = acceptingTraffic;
        this.scheduler = scheduler;
    }

    /** The longest a drain can take: the timeout, then a goodbye and the connections closing. */
    public static Duration longest(Duration timeout) {
        return timeout.plus(CallLimit.GOODBYE_GRACE).plus(CLOSE_MARGIN);
    }

    @Override
    public void start() {
        Disposable drain = inFlight.getAndSet(null);
        if (drain != null) {
            drain.dispose();
        }
        if (admission.reopen()) {
            acceptingTraffic.accept(true);
            log.info("started again: new calls are taken; the drain is over");
        }
        running = true;
    }

    @Override
    public void stop() {
        drain().block(longest(timeout));
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        inFlight.set(drain().doFinally(signal -> {
            running = false;
            callback.run();
        }).subscribe());
    }

    /** A paused context keeps its calls and takes new ones; only a stop drains. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Refuses new calls at once, then completes when every live call has ended (politely, at the latest after the timeout). */
    public Mono<Void> drain() {
        return Mono.defer(() -> {
            if (!admission.drain()) {
                return Mono.empty();
            }
            acceptingTraffic.accept(false);
            long began = scheduler.now(TimeUnit.MILLISECONDS);
            log.info("draining: new calls refused; {} live calls may run on for up to {}", live.count(), timeout);
            return noCallsWithin(timeout)
                    .flatMap(ended -> ended ? Mono.just(true) : sayGoodbye())
                    .doOnNext(ended -> log.info("drained in {} ms", scheduler.now(TimeUnit.MILLISECONDS) - began))
                    .then();
        });
    }

    private Mono<Boolean> sayGoodbye() {
        int asked = live.endAll(CallLimit.DRAIN);
        log.info("drain timeout {} reached: {} calls hear a goodbye and end", timeout, asked);
        return noCallsWithin(CallLimit.GOODBYE_GRACE.plus(CLOSE_MARGIN)).doOnNext(ended -> {
            if (!ended) {
                log.warn("drain: {} calls still open after their goodbye; hanging them up", live.hangUpAll());
            }
        });
    }

    /** True as soon as no call is live, false when {@code within} passed first. */
    private Mono<Boolean> noCallsWithin(Duration within) {
        return Flux.interval(Duration.ZERO, POLL, scheduler)
                .filter(tick -> live.count() == 0)
                .next()
                .map(tick -> true)
                .take(within, scheduler)
                .defaultIfEmpty(false);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
