package io.firstbyte.pipeline.pace;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends an answer's audio at real time plus a small lead: 20 ms frames, each released when the
 * caller's playback buffer holds less than {@code lead} of audio, and a mark after each clause.
 * The gateway therefore never holds more than the lead, so a clear is effective at once and memory
 * per call stays flat. Upstream synthesis is pulled through a bounded prefetch of frames.
 */
public final class OutboundPacer {

    private static final long FRAME_NANOS = Duration.ofMillis(20).toNanos();
    private static final int PREFETCH_FRAMES = 16;

    private final Duration lead;
    private final Scheduler scheduler;

    public OutboundPacer(Duration lead, Scheduler scheduler) {
        this.lead = lead;
        this.scheduler = scheduler;
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

    /** Cuts clause audio into whole frames; pads a clause's last frame with silence. */
    private static final class Framing {
        private final String answerId;
        private byte[] remainder = new byte[0];
        private AudioFormat format = AudioFormat.MULAW_8K;

        Framing(String answerId) {
            this.answerId = answerId;
        }

        List<OutboundEvent> accept(TtsAudio chunk) {
            format = chunk.format();
            int frameBytes = format.bytesPerFrame();
            byte[] data = concat(remainder, chunk.audio());
            List<OutboundEvent> out = new ArrayList<>(data.length / frameBytes + 2);
            int offset = 0;
            for (; offset + frameBytes <= data.length; offset += frameBytes) {
                out.add(new AudioOut(Arrays.copyOfRange(data, offset, offset + frameBytes), format));
            }
            remainder = Arrays.copyOfRange(data, offset, data.length);
            if (chunk.lastOfClause()) {
                if (remainder.length > 0) {
                    out.add(new AudioOut(padded(remainder, frameBytes), format));
                    remainder = new byte[0];
                }
                out.add(new MarkSent(MarkLedger.markName(answerId, chunk.clauseIndex())));
            }
            return out;
        }

        private byte[] padded(byte[] partial, int frameBytes) {
            byte[] frame = Arrays.copyOf(partial, frameBytes);
            byte silence = switch (format.encoding()) {
                case MULAW -> (byte) 0xFF;
                case ALAW -> (byte) 0xD5;
                case PCM16LE -> 0;
            };
            Arrays.fill(frame, partial.length, frameBytes, silence);
            return frame;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            if (a.length == 0) {
                return b;
            }
            byte[] joined = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            return joined;
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
            Mono<OutboundEvent> send = Mono.fromSupplier(() -> sent(frame));
            return wait <= 0 ? send : Mono.delay(Duration.ofNanos(wait), scheduler).then(send);
        }

        private OutboundEvent sent(AudioOut frame) {
            long now = now();
            if (dryAt >= 0 && dryAt < now) {
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
