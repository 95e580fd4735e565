package io.firstbyte.adapters.tts.elevenlabs;

import io.firstbyte.adapters.tts.AnswerAudio;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One call's ElevenLabs speech: a socket per answer, the next one always opened ahead. */
final class ElevenLabsSession implements TtsSession {

    private final LongFunction<ElevenLabsStream> opener;
    private final LongSupplier nanoTime;
    private final Duration spareMaxAge;
    private final AtomicLong lateMessages;
    private volatile @Nullable ElevenLabsStream spare;
    private volatile boolean disposed;

    ElevenLabsSession(LongFunction<ElevenLabsStream> opener, LongSupplier nanoTime, Duration spareMaxAge, AtomicLong lateMessages) {
        this.opener = opener;
        this.nanoTime = nanoTime;
        this.spareMaxAge = spareMaxAge;
        this.lateMessages = lateMessages;
        this.spare = opener.apply(nanoTime.getAsLong());
    }

    @Override
    public Flux<TtsAudio> speak(Flux<Clause> clauses) {
        return Flux.defer(() -> {
            ElevenLabsStream stream = takeSpare();
            AnswerAudio answer = new AnswerAudio(ElevenLabsStream.PROVIDER);
            stream.attach(answer);
            Mono<TtsAudio> sending = clauses
                    .filter(clause -> !clause.text().isBlank())
                    .doOnNext(clause -> stream.speak(clause.index(), clause.text()))
                    .then(Mono.fromRunnable(() -> {
                        stream.end();
                        answer.noMoreClauses();
                    }));
            return answer.whileSending(sending).doFinally(signal -> {
                stream.close();
                openSpare();
            });
        });
    }

    private synchronized ElevenLabsStream takeSpare() {
        ElevenLabsStream ready = spare;
        spare = null;
        long now = nanoTime.getAsLong();
        if (ready != null && ready.isUsable() && now - ready.openedAtNanos() < spareMaxAge.toNanos()) {
            return ready;
        }
        if (ready != null) {
            ready.close();
        }
        return opener.apply(now);
    }

    private synchronized void openSpare() {
        if (!disposed && spare == null) {
            spare = opener.apply(nanoTime.getAsLong());
        }
    }

    long lateMessagesDropped() {
        return lateMessages.get();
    }

    @Override
    public synchronized void dispose() {
        disposed = true;
        ElevenLabsStream ready = spare;
        spare = null;
        if (ready != null) {
            ready.close();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
