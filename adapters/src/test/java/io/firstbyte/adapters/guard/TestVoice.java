package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** A speech provider test double: its behaviour per clause stream, and a record of what it was asked. */
final class TestVoice implements TextToSpeech {

    final List<String> spoken = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger disposed = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    private final Function<Flux<Clause>, Flux<TtsAudio>> behaviour;

    private TestVoice(Function<Flux<Clause>, Flux<TtsAudio>> behaviour) {
        this.behaviour = behaviour;
    }

    /** Speaks each clause as two chunks, {@code firstByte} after the clause arrives. */
    static TestVoice speaking(Duration firstByte, Scheduler scheduler) {
        return new TestVoice(clauses -> clauses.concatMap(clause -> Flux.just(
                        new TtsAudio(clause.index(), new byte[] {(byte) clause.index()}, AudioFormat.MULAW_8K, false),
                        new TtsAudio(clause.index(), new byte[] {(byte) clause.index()}, AudioFormat.MULAW_8K, true))
                .delaySequence(firstByte, scheduler)));
    }

    /** Takes every clause and never answers. */
    static TestVoice silent() {
        return new TestVoice(clauses -> clauses.thenMany(Flux.never()));
    }

    static TestVoice failing(Throwable error) {
        return new TestVoice(clauses -> Flux.error(error));
    }

    @Override
    public TtsSession open(CallContext call) {
        opened.incrementAndGet();
        return new TtsSession() {
            private volatile boolean gone;

            @Override
            public Flux<TtsAudio> speak(Flux<Clause> clauses) {
                return behaviour.apply(clauses.doOnNext(clause -> spoken.add(clause.text())))
                        .doOnCancel(cancelled::incrementAndGet);
            }

            @Override
            public void dispose() {
                gone = true;
                disposed.incrementAndGet();
            }

            @Override
            public boolean isDisposed() {
                return gone;
            }
        };
    }
}
