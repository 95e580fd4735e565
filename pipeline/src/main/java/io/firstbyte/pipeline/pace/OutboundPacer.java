package io.firstbyte.pipeline.pace;

import io.firstbyte.pipeline.audio.Framer;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends an answer's audio at real time plus a small lead: 20 ms frames, each released when the
 * caller's playback buffer holds less than {@code lead} of audio, and a mark after each clause.
 * The gateway therefore never holds more than the lead, so a clear is effective at once and memory
 * per call stays flat. Upstream synthesis is pulled through a bounded prefetch of frames. While its
 * {@link PlaybackGate} is closed no frame leaves; the next one goes out when it opens, and playback
 * running dry meanwhile is the pause, not a late frame.
 */
public final class OutboundPacer {

    private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();
    private static final int PREFETCH_FRAMES = 16;

    private final Duration lead;
    private final Scheduler scheduler;
    private final PlaybackGate gate;

    public OutboundPacer(Duration lead, Scheduler scheduler) {
        this(lead, scheduler, new PlaybackGate());
    }

    public OutboundPacer(Duration lead, Scheduler scheduler, PlaybackGate gate) {
        this.lead = lead;
        this.scheduler = scheduler;
        this.gate = gate;
    }

    /** Paces one answer; {@code answerId} names its marks ({@code answerId-c<clause>}). */
    public Flux<OutboundEvent> pace(Flux<TtsAudio> audio, String answerId, Runnable onLateFrame) {
        return Flux.defer(() -> {
            Framing framing = new Framing(answerId);
            Playhead playhead = new Playhead(onLateFrame);
            return audio.concatMapIterable(framing::accept, 4)
                    .concatMap(event -> event instanceof AudioOut frame ? playhead.release(frame) : Mono.just(event),
                            PREFETCH_FRAMES);
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

    /** Where the caller's playback will run dry, in scheduler nanoseconds. */
    private final class Playhead {
        private final Runnable onLateFrame;
        private long dryAt = -1;

        Playhead(Runnable onLateFrame) {
            this.onLateFrame = onLateFrame;
        }

        Mono<OutboundEvent> release(AudioOut frame) {
            long wait = dryAt < 0 ? 0 : dryAt - lead.toNanos() - now();
            return wait <= 0 ? whenOpen(frame) : Mono.delay(Duration.ofNanos(wait), scheduler).then(whenOpen(frame));
        }

        private Mono<OutboundEvent> whenOpen(AudioOut frame) {
            return Mono.defer(() -> gate.isOpen()
                    ? Mono.just(sent(frame, false))
                    : gate.opened().then(Mono.fromSupplier(() -> sent(frame, true))));
        }

        private OutboundEvent sent(AudioOut frame, boolean afterPause) {
            long now = now();
            if (dryAt >= 0 && dryAt < now && !afterPause) {
                onLateFrame.run();
            }
            dryAt = Math.max(dryAt, now) + FRAME_NANOS;
            return frame;
        }

        private long now() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }
    }
}
