package io.firstbyte.pipeline.pace;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Several calls' pacers on one {@link PacingTick}, in virtual time. */
class PacingTickTest {

    private static final Duration LEAD = Duration.ofMillis(120);

    private final TimerCountingScheduler time = new TimerCountingScheduler();
    private final PacingTick tick = new PacingTick(time);

    private static Flux<TtsAudio> answer(Duration length) {
        return Flux.just(new TtsAudio(0, new byte[(int) length.toMillis() * 8], AudioFormat.MULAW_8K, true));
    }

    /** A call's frames and the virtual time (ms) each left its pacer. */
    private final class Call {
        final PlaybackGate gate = new PlaybackGate();
        final AtomicInteger late = new AtomicInteger();
        final List<Long> frameTimes = new CopyOnWriteArrayList<>();
        final Disposable answering;

        Call(Duration answer) {
            answering = new OutboundPacer(LEAD, tick, gate).pace(answer(answer), "a1", late::incrementAndGet)
                    .ofType(AudioOut.class)
                    .subscribe(frame -> frameTimes.add(time.now(TimeUnit.MILLISECONDS)));
        }

        long framesAt(long millis) {
            return frameTimes.stream().filter(at -> at == millis).count();
        }
    }

    @Test
    void twoCallsArePacedByOneTimerAndEachCallersBufferStaysWithinOneTickBelowTheLead() {
        Call first = new Call(Duration.ofSeconds(2));
        time.advanceBy(Duration.ofMillis(10));
        Call second = new Call(Duration.ofSeconds(2));
        time.advanceBy(Duration.ofSeconds(3));

        assertThat(first.frameTimes).hasSize(100);
        assertThat(second.frameTimes).hasSize(100);
        assertBufferBetweenTheLeadAndOneTickLess(first.frameTimes, 0);
        assertBufferBetweenTheLeadAndOneTickLess(second.frameTimes, 10);
        assertThat(time.timers()).as("one periodic tick, no timer per frame").isEqualTo(1);
        assertThat(first.late.get() + second.late.get()).isZero();
    }

    /**
     * After each frame the caller holds that frame and at most the lead; after the lead went out at
     * once, each frame goes before the caller's buffer falls more than one tick below the lead.
     */
    private static void assertBufferBetweenTheLeadAndOneTickLess(List<Long> sentAt, long startedAt) {
        int leadFrames = (int) LEAD.toMillis() / 20 + 1;
        for (int i = 0; i < sentAt.size(); i++) {
            long bufferedAfter = startedAt + (i + 1) * 20L - sentAt.get(i);
            assertThat(bufferedAfter).as("frame %d", i).isBetween(i < leadFrames ? 20L : LEAD.toMillis(), LEAD.toMillis() + 20);
        }
    }

    @Test
    void aCallThatEndsLeavesTheTickAndTheLastOneStopsIt() {
        Call ending = new Call(Duration.ofSeconds(5));
        Call staying = new Call(Duration.ofSeconds(1));
        time.advanceBy(Duration.ofMillis(300));
        assertThat(tick.registered()).isEqualTo(2);

        ending.answering.dispose();
        int endedWith = ending.frameTimes.size();
        int stayingAt = staying.frameTimes.size();
        assertThat(tick.registered()).isEqualTo(1);
        time.advanceBy(Duration.ofMillis(300));
        assertThat(ending.frameTimes).hasSize(endedWith);
        assertThat(staying.frameTimes).as("one frame a tick").hasSize(stayingAt + 15);

        time.advanceBy(Duration.ofSeconds(2));
        assertThat(staying.frameTimes).as("its answer played out").hasSize(50);
        assertThat(tick.registered()).isZero();
        assertThat(time.periodicRunning()).as("no tick while nothing is paced").isZero();
    }

    @Test
    void aPausedCallHoldsItsFramesWhileAnotherPlaysOnAndResumesAtOnceWhenItsGateOpens() {
        Call paused = new Call(Duration.ofSeconds(2));
        Call playing = new Call(Duration.ofSeconds(2));
        time.advanceBy(Duration.ofMillis(200));
        paused.gate.close();
        int heldAt = paused.frameTimes.size();
        int playingAt = playing.frameTimes.size();

        time.advanceBy(Duration.ofMillis(400));
        assertThat(paused.frameTimes).as("nothing leaves a closed gate").hasSize(heldAt);
        assertThat(playing.frameTimes).hasSize(playingAt + 20);

        paused.gate.open();
        assertThat(paused.framesAt(600)).as("the lead goes out when the gate opens, not at the next tick").isEqualTo(7);
        time.advanceBy(Duration.ofSeconds(3));
        assertThat(paused.frameTimes).hasSize(100);
        assertThat(paused.late).as("a pause is no late frame").hasValue(0);
    }

    @Test
    void anAnswerThatStartsBetweenTicksSendsItsLeadAtOnceAndTheRestOnTheTicks() {
        StepVerifier.withVirtualTime(() -> {
                    PacingTick shared = new PacingTick(VirtualTimeScheduler.get());
                    Flux<OutboundEvent> first = new OutboundPacer(LEAD, shared, new PlaybackGate())
                            .pace(answer(Duration.ofSeconds(1)), "a1", () -> { });
                    Flux<OutboundEvent> second = new OutboundPacer(LEAD, shared, new PlaybackGate())
                            .pace(answer(Duration.ofSeconds(1)), "b1", () -> { })
                            .delaySubscription(Duration.ofMillis(7), VirtualTimeScheduler.get());
                    return Flux.merge(first, second).ofType(AudioOut.class);
                })
                .expectSubscription()
                .expectNextCount(7)
                .expectNoEvent(Duration.ofMillis(6))
                .thenAwait(Duration.ofMillis(1))
                .as("the second answer's lead, 7 ms after the tick started")
                .expectNextCount(7)
                .expectNoEvent(Duration.ofMillis(12))
                .thenAwait(Duration.ofMillis(1))
                .as("tick at 20 ms: the first call's next frame; the second's is due at 27 ms")
                .expectNextCount(1)
                .expectNoEvent(Duration.ofMillis(19))
                .thenAwait(Duration.ofMillis(1))
                .as("tick at 40 ms: one frame of each")
                .expectNextCount(2)
                .thenAwait(Duration.ofSeconds(2))
                .expectNextCount(2 * 50 - 17)
                .verifyComplete();
    }

    /** Virtual time that counts the timers asked of it. */
    private static final class TimerCountingScheduler implements Scheduler {
        private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
        private final AtomicInteger timers = new AtomicInteger();
        private final AtomicInteger periodicRunning = new AtomicInteger();

        int timers() {
            return timers.get();
        }

        int periodicRunning() {
            return periodicRunning.get();
        }

        void advanceBy(Duration duration) {
            time.advanceTimeBy(duration);
        }

        @Override
        public Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            timers.incrementAndGet();
            return time.schedule(task, delay, unit);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            timers.incrementAndGet();
            periodicRunning.incrementAndGet();
            Disposable running = time.schedulePeriodically(task, initialDelay, period, unit);
            AtomicBoolean stopped = new AtomicBoolean();
            return () -> {
                if (stopped.compareAndSet(false, true)) {
                    periodicRunning.decrementAndGet();
                    running.dispose();
                }
            };
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }

        @Override
        public Worker createWorker() {
            return time.createWorker();
        }
    }
}
