package io.firstbyte.adapters.tts;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.TtsAudio;
import java.util.ArrayDeque;
import java.util.Deque;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One answer's audio on its way from a provider socket to the pacer. It knows which clauses were
 * given to the provider and not yet finished, attributes audio to a clause (named by the provider,
 * or else the oldest open one), and closes a clause with an empty {@code lastOfClause} chunk when the
 * provider says it is done. Completes once no clause is open and no more will come. Provider audio
 * arrives faster than real time while the pacer pulls at real time, so it queues here, bounded:
 * overflowing {@link #LIMIT} chunks fails the answer rather than dropping speech silently.
 * Thread-safe: the socket's event loop and the clause stream may call it concurrently.
 */
public final class AnswerAudio {

    /** Chunks one answer may queue (minutes of audio at typical chunk sizes). */
    public static final int LIMIT = 4096;

    private final String provider;
    private final Sinks.Many<TtsAudio> out = Sinks.many().unicast().onBackpressureBuffer(Queues.<TtsAudio>get(LIMIT).get());
    private final Deque<Integer> open = new ArrayDeque<>();
    private boolean noMoreClauses;
    private boolean ended;

    public AnswerAudio(String provider) {
        this.provider = provider;
    }

    public Flux<TtsAudio> flux() {
        return out.asFlux();
    }

    /**
     * The answer while {@code sending} gives the provider its clauses: its audio, then its end.
     * Audio already received reaches the listener before a failure, whether the socket dropped or a
     * send failed (which fails the answer behind that audio); a plain merge would let the error
     * overtake audio the listener had not asked for yet. The answer's end stops the sending.
     */
    public Flux<TtsAudio> whileSending(Mono<?> sending) {
        Mono<Signal<TtsAudio>> sent = sending
                .onErrorResume(error -> {
                    fail(error);
                    return Mono.empty();
                })
                .then(Mono.empty());
        return Flux.merge(sent, out.asFlux().materialize()).dematerialize();
    }

    /** Clause {@code index} has been sent to the provider. */
    public synchronized void submitted(int index) {
        open.addLast(index);
    }

    /** Audio for the oldest open clause; false (and dropped) when no clause is open. */
    public synchronized boolean audio(byte[] bytes) {
        Integer clause = open.peekFirst();
        return clause != null && audio(clause, bytes);
    }

    /** Audio the provider tagged with its clause; false (and dropped) when that clause is not open. */
    public synchronized boolean audio(int clause, byte[] bytes) {
        if (ended || !open.contains(clause) || bytes.length == 0) {
            return false;
        }
        emit(new TtsAudio(clause, bytes, AudioFormat.MULAW_8K, false));
        return true;
    }

    /** The oldest open clause is complete. */
    public synchronized void clauseDone() {
        Integer clause = open.peekFirst();
        if (clause != null) {
            clauseDone(clause);
        }
    }

    /** Clause {@code index} is complete; any older open clause is complete too. */
    public synchronized void clauseDone(int index) {
        if (ended || !open.contains(index)) {
            return;
        }
        while (!open.isEmpty()) {
            int clause = open.removeFirst();
            emit(new TtsAudio(clause, new byte[0], AudioFormat.MULAW_8K, true));
            if (clause == index) {
                break;
            }
        }
        completeIfDone();
    }

    /** The model has no more clauses for this answer. */
    public synchronized void noMoreClauses() {
        noMoreClauses = true;
        completeIfDone();
    }

    public synchronized boolean hasOpenClauses() {
        return !open.isEmpty();
    }

    /** The provider finished the whole answer: every open clause is complete. */
    public synchronized void finished() {
        while (!open.isEmpty()) {
            clauseDone(open.peekFirst());
        }
        noMoreClauses = true;
        completeIfDone();
    }

    public synchronized void fail(Throwable error) {
        if (!ended) {
            ended = true;
            out.tryEmitError(error);
        }
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    private void completeIfDone() {
        if (!ended && noMoreClauses && open.isEmpty()) {
            ended = true;
            out.tryEmitComplete();
        }
    }

    private void emit(TtsAudio audio) {
        Sinks.EmitResult result = out.tryEmitNext(audio);
        // A full buffer reports FAIL_ZERO_SUBSCRIBER while nobody subscribed yet, FAIL_OVERFLOW after.
        if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            fail(ProviderFailure.of(provider, ErrorCategory.PROTOCOL, "more than " + LIMIT + " audio chunks queued for one answer"));
        }
    }
}
