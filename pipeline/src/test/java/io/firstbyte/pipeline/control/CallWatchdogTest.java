package io.firstbyte.pipeline.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The watchdog's two rules in virtual time: no inbound frame for the silence timeout, and the maximum call length. */
class CallWatchdogTest {

    private static final CallLimits LIMITS = new CallLimits(Duration.ofSeconds(15), Duration.ofMinutes(30));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static StepVerifier.FirstStep<CallLimit> watching(CallLimits limits, Supplier<Flux<?>> inbound) {
        return StepVerifier.withVirtualTime(() -> new CallWatchdog(limits, VirtualTimeScheduler.get()).watch(inbound.get()));
    }

    /** One 20 ms frame of caller audio (its content does not matter: silence is a frame too), for {@code duration}. */
    private static Flux<Long> frames(Duration duration) {
        return Flux.interval(Duration.ofMillis(20), VirtualTimeScheduler.get()).take(duration.toMillis() / 20);
    }

    @Test
    void aLineWithoutAnyInboundFrameEndsAfterTheSilenceTimeout() {
        watching(LIMITS, Flux::never)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(14_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(CallLimit.INBOUND_SILENCE)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void quietAudioFramesKeepTheCallUntilTheyStop() {
        watching(LIMITS, () -> frames(Duration.ofMinutes(10)).concatWith(Flux.never()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(10))
                .expectNoEvent(Duration.ofMillis(14_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(CallLimit.INBOUND_SILENCE)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aLiveLineEndsAtTheMaximumLength() {
        watching(LIMITS, () -> frames(Duration.ofHours(1)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMinutes(30).minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(CallLimit.MAX_DURATION)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theCallerHangingUpEndsTheWatchWithoutALimit() {
        watching(LIMITS, () -> frames(Duration.ofSeconds(5)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void zeroSwitchesBothLimitsOff() {
        watching(CallLimits.NONE, Flux::never)
                .expectSubscription()
                .expectNoEvent(Duration.ofHours(24))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void cancellingTheWatchReleasesItsTimersAndItsInboundSubscription() {
        TimersLeft time = new TimersLeft();
        Sinks.Many<Object> inbound = Sinks.many().multicast().directBestEffort();
        Disposable watch = new CallWatchdog(LIMITS, time).watch(inbound.asFlux()).subscribe();
        inbound.tryEmitNext("frame");
        time.clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(time.pending()).as("silence and maximum-length timers").isEqualTo(2);

        watch.dispose();

        assertThat(time.pending()).isZero();
        assertThat(inbound.currentSubscriberCount()).isZero();
    }

    /** Virtual time that counts its delayed tasks neither run nor cancelled yet. */
    private static final class TimersLeft implements Scheduler {
        final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        private final AtomicInteger pending = new AtomicInteger();

        int pending() {
            return pending.get();
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            AtomicBoolean settled = new AtomicBoolean();
            Runnable settle = () -> {
                if (settled.compareAndSet(false, true)) {
                    pending.decrementAndGet();
                }
            };
            pending.incrementAndGet();
            Disposable scheduled = clock.schedule(() -> {
                settle.run();
                task.run();
            }, delay, unit);
            return () -> {
                settle.run();
                scheduled.dispose();
            };
        }

        @Override
        public Disposable schedule(Runnable task) {
            return clock.schedule(task);
        }

        @Override
        public long now(TimeUnit unit) {
            return clock.now(unit);
        }

        @Override
        public Worker createWorker() {
            return clock.createWorker();
        }
    }
}
