package io.firstbyte.pipeline.testing;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A text-to-speech fake: each clause becomes {@code millisPerChar} of mu-law audio per character,
 * delivered in 100 ms chunks, the first after {@code firstByte}, the rest as fast as synthesis allows.
 * Every audio byte carries the clause index, so a test can tell which clause reached the caller.
 */
public final class ScriptedTextToSpeech implements TextToSpeech {

    private final Duration firstByte;
    private final int millisPerChar;
    private final Scheduler scheduler;
    private final List<String> spoken = new CopyOnWriteArrayList<>();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();

    public ScriptedTextToSpeech(Duration firstByte, int millisPerChar, Scheduler scheduler) {
        this.firstByte = firstByte;
        this.millisPerChar = millisPerChar;
        this.scheduler = scheduler;
    }

    @Override
    public TtsSession open(CallContext call) {
        openSessions.incrementAndGet();
        return new TtsSession() {
            private volatile boolean disposed;

            @Override
            public Flux<TtsAudio> speak(Flux<Clause> clauses) {
                java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
                return clauses.concatMap(this::synthesize)
                        .doOnTerminate(() -> finished.set(true))
                        .doOnCancel(() -> {
                            if (!finished.get()) {
                                cancelled.incrementAndGet();
                            }
                        });
            }

            private Flux<TtsAudio> synthesize(Clause clause) {
                spoken.add(clause.text());
                int bytes = Math.max(1, clause.text().length()) * millisPerChar * 8;
                int chunks = (bytes + 799) / 800;
                return Flux.range(0, chunks)
                        .map(i -> {
                            byte[] audio = new byte[Math.min(800, bytes - i * 800)];
                            Arrays.fill(audio, (byte) clause.index());
                            return new TtsAudio(clause.index(), audio, AudioFormat.MULAW_8K, i == chunks - 1);
                        })
                        .delaySequence(firstByte, scheduler);
            }

            @Override
            public void dispose() {
                if (!disposed) {
                    disposed = true;
                    openSessions.decrementAndGet();
                }
            }

            @Override
            public boolean isDisposed() {
                return disposed;
            }
        };
    }

    public List<String> spoken() {
        return List.copyOf(spoken);
    }

    public int openSessions() {
        return openSessions.get();
    }

    public int cancellations() {
        return cancelled.get();
    }
}
