package io.firstbyte.pipeline.pace;

import io.firstbyte.pipeline.audio.Framer;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * Sends an answer's audio at real time plus a small lead: 20 ms frames, each released when the
 * caller's playback buffer holds less than {@code lead} of audio, and a mark after each clause.
 * The gateway therefore never holds more than the lead, so a clear is effective at once and memory
 * per call stays flat. A frame that may go when it arrives goes at once (an answer's first frames,
 * the lead); one that must wait goes on the first {@link PacingTick} at which it may, so every call's
 * pacing shares one timer and the caller's buffer runs between the lead and one tick less. Upstream
 * synthesis is pulled through a bounded prefetch of frames. While its {@link PlaybackGate} is closed
 * no frame leaves; the next one goes out when it opens, and playback running dry meanwhile is the
 * pause, not a late frame.
 */
public final class OutboundPacer {

    private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();
    private static final int PREFETCH_FRAMES = 16;

    private final long leadNanos;
    private final PacingTick tick;
    private final PlaybackGate gate;

    /** A pacer with a tick of its own on {@code scheduler}. */
    public OutboundPacer(Duration lead, Scheduler scheduler) {
        this(lead, scheduler, new PlaybackGate());
    }

    /** A pacer with a tick of its own on {@code scheduler}, held by {@code gate}. */
    public OutboundPacer(Duration lead, Scheduler scheduler, PlaybackGate gate) {
        this(lead, new PacingTick(scheduler), gate);
    }

    /** A pacer driven by {@code tick}, which it shares with the other calls' pacers. */
    public OutboundPacer(Duration lead, PacingTick tick, PlaybackGate gate) {
        this.leadNanos = lead.toNanos();
        this.tick = tick;
        this.gate = gate;
    }

    /** Paces one answer; {@code answerId} names its marks ({@code answerId-c<clause>}). */
    public Flux<OutboundEvent> pace(Flux<TtsAudio> audio, String answerId, Runnable onLateFrame) {
        return Flux.defer(() -> {
            Flux<OutboundEvent> events = audio.concatMapIterable(new Framing(answerId)::accept, 4);
            return Flux.<OutboundEvent>push(out -> new Playout(out, onLateFrame).start(events),
                    FluxSink.OverflowStrategy.IGNORE);
        });
    }

    /** Cuts clause audio into whole frames; pads a clause's last frame with silence and marks it. */
    private static final class Framing {
        private final String answerId;
        private @Nullable Framer framer;

        Framing(String answerId) {
            this.answerId = answerId;
        }

        List<OutboundEvent> accept(TtsAudio chunk) {
            if (framer == null || !framer.format().equals(chunk.format())) {
                framer = new Framer(chunk.format());
            }
            List<OutboundEvent> out = new ArrayList<>();
            framer.push(chunk.audio()).forEach(frame -> out.add(new AudioOut(frame, chunk.format())));
            if (chunk.lastOfClause()) {
                framer.flush().ifPresent(frame -> out.add(new AudioOut(frame, chunk.format())));
                out.add(new MarkSent(MarkLedger.markName(answerId, chunk.clauseIndex())));
            }
            return out;
        }
    }

    /**
     * One answer's frames and marks on their way out, in order: taken from synthesis into a bounded
     * queue, sent when due (a mark right after its clause's last frame). Whoever has something new to
     * say (synthesis, the tick, the gate opening, the caller's demand) calls {@link #drain}; one thread
     * at a time sends, the others only make it look again.
     */
    private final class Playout extends BaseSubscriber<OutboundEvent> implements Runnable {
        private final FluxSink<OutboundEvent> out;
        private final Runnable onLateFrame;
        private final Queue<OutboundEvent> queued = Queues.<OutboundEvent>get(PREFETCH_FRAMES).get();
        private final AtomicInteger drainsWanted = new AtomicInteger();
        private final Disposable.Swap gateWait = Disposables.swap();
        private volatile boolean synthesisDone;
        private volatile @Nullable Throwable synthesisFailed;
        private volatile boolean awaitingGate;
        // Read and written only while draining.
        /** Where the caller's playback will run dry, in tick nanoseconds (-1: nothing sent yet). */
        private long dryAt = -1;
        private boolean heldByGate;
        private boolean finished;

        Playout(FluxSink<OutboundEvent> out, Runnable onLateFrame) {
            this.out = out;
            this.onLateFrame = onLateFrame;
        }

        void start(Flux<OutboundEvent> events) {
            Disposable ticking = tick.register(this);
            out.onRequest(demand -> drain());
            out.onDispose(() -> {
                ticking.dispose();
                gateWait.dispose();
                dispose();
            });
            events.subscribe(this);
        }

        @Override
        public Context currentContext() {
            return Context.of(out.contextView());
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(PREFETCH_FRAMES);
        }

        @Override
        protected void hookOnNext(OutboundEvent event) {
            if (!queued.offer(event)) {
                throw new IllegalStateException("synthesis sent more than the pacer asked for");
            }
            drain();
        }

        @Override
        protected void hookOnComplete() {
            synthesisDone = true;
            drain();
        }

        @Override
        protected void hookOnError(Throwable error) {
            synthesisFailed = error;
            drain();
        }

        /** The tick: whatever has fallen due goes now. */
        @Override
        public void run() {
            drain();
        }

        private void drain() {
            if (drainsWanted.getAndIncrement() != 0) {
                return;
            }
            int wanted = 1;
            do {
                sendWhatIsDue();
                wanted = drainsWanted.addAndGet(-wanted);
            } while (wanted != 0);
        }

        private void sendWhatIsDue() {
            while (!finished && !out.isCancelled()) {
                Throwable error = synthesisFailed;
                if (error != null) {
                    finished = true;
                    out.error(error);
                    return;
                }
                boolean done = synthesisDone;
                OutboundEvent next = queued.peek();
                if (next == null) {
                    if (done) {
                        finished = true;
                        out.complete();
                    }
                    return;
                }
                if (out.requestedFromDownstream() == 0 || next instanceof AudioOut && !mayPlay()) {
                    return;
                }
                queued.poll();
                if (next instanceof AudioOut) {
                    played();
                }
                out.next(next);
                request(1);
            }
        }

        /** Whether the next frame may go now: the caller's buffer holds less than the lead, and the gate is open. */
        private boolean mayPlay() {
            if (dryAt >= 0 && dryAt - leadNanos > tick.now()) {
                return false;
            }
            if (gate.isOpen()) {
                return true;
            }
            heldByGate = true;
            if (!awaitingGate) {
                awaitingGate = true;
                gateWait.update(gate.opened().subscribe(null, null, this::gateOpened));
            }
            return false;
        }

        private void gateOpened() {
            awaitingGate = false;
            drain();
        }

        /** The next frame goes out now. */
        private void played() {
            long now = tick.now();
            if (dryAt >= 0 && dryAt < now && !heldByGate) {
                onLateFrame.run();
            }
            heldByGate = false;
            dryAt = Math.max(dryAt, now) + FRAME_NANOS;
        }
    }
}
