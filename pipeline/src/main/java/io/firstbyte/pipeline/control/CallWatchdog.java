package io.firstbyte.pipeline.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Watches one call's inbound frames against its {@link CallLimits} and names the first limit the
 * call reaches. A caller that vanished without closing (no FIN, no frames) trips the inbound
 * silence; a live line, even a quiet one, sends frames every 20 ms and never does. Costs one timer
 * per silence period, not one per frame: each frame only records its arrival time.
 */
public final class CallWatchdog {

    private final CallLimits limits;
    private final Scheduler scheduler;

    public CallWatchdog(CallLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
    }

    /**
     * The first limit reached by the call whose inbound frames are {@code inbound}, counted from
     * subscription; empty when the inbound ends first (the caller hung up). Cancelling it releases
     * its timers.
     */
    public Mono<CallLimit> watch(Flux<?> inbound) {
        return Mono.defer(() -> {
            AtomicLong lastFrame = new AtomicLong(now());
            // Each event only notes its arrival. A filter that passes none, not doOnNext: then() would look up
            // the discard hook through the whole subscriber chain for every frame.
            Mono<CallLimit> ended = inbound.filter(event -> {
                lastFrame.set(now());
                return false;
            }).then(Mono.empty());
            return Mono.firstWithSignal(ended, silence(lastFrame), maxDuration());
        });
    }

    private Mono<CallLimit> silence(AtomicLong lastFrame) {
        if (limits.inboundSilence().isZero()) {
            return Mono.never();
        }
        return Mono.defer(() -> {
            long remaining = limits.inboundSilence().toNanos() - (now() - lastFrame.get());
            return remaining <= 0
                    ? Mono.just(CallLimit.INBOUND_SILENCE)
                    : Mono.delay(Duration.ofNanos(remaining), scheduler).then(silence(lastFrame));
        });
    }

    private Mono<CallLimit> maxDuration() {
        return limits.maxDuration().isZero()
                ? Mono.never()
                : Mono.delay(limits.maxDuration(), scheduler).thenReturn(CallLimit.MAX_DURATION);
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
