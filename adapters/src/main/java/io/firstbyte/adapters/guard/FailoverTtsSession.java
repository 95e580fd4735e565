package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.CallCannotContinue;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;

/** One call's session over an ordered list of speech providers; see {@link FailoverTextToSpeech}. */
final class FailoverTtsSession implements TtsSession {

    private static final Logger log = LoggerFactory.getLogger(FailoverTtsSession.class);

    private final CallContext call;
    private final List<FailoverTextToSpeech.Voice> voices;
    private final PreRenderedApology apology;
    private final AllVoicesDownListener listener;
    private final AtomicReferenceArray<@Nullable TtsSession> sessions;
    private volatile boolean disposed;

    FailoverTtsSession(CallContext call, List<FailoverTextToSpeech.Voice> voices, PreRenderedApology apology,
                       AllVoicesDownListener listener) {
        this.call = call;
        this.voices = voices;
        this.apology = apology;
        this.listener = listener;
        this.sessions = new AtomicReferenceArray<>(voices.size());
        warmFirstHealthy();
    }

    private void warmFirstHealthy() {
        for (int i = 0; i < voices.size(); i++) {
            if (voices.get(i).guard().permitsCalls()) {
                session(i);
                return;
            }
        }
    }

    @Override
    public Flux<TtsAudio> speak(Flux<Clause> clauses) {
        return Flux.defer(() -> {
            // One subscription to the clauses (they come from the model) whichever providers speak them.
            Disposable.Swap upstream = Disposables.swap();
            Flux<Clause> shared = clauses.replay().autoConnect(1, upstream::update);
            return Failover.firstThatStarts("speech for call " + call.callId(), voices.size(),
                            i -> attempt(i, shared), error -> apologise(shared, error))
                    .doFinally(signal -> upstream.dispose());
        });
    }

    private Flux<TtsAudio> attempt(int index, Flux<Clause> clauses) {
        ProviderGuard guard = voices.get(index).guard();
        return guard.protect(Flux.defer(() -> session(index).speak(clauses)), new ClauseDeadlines(clauses));
    }

    private Flux<TtsAudio> apologise(Flux<Clause> clauses, Throwable lastFailure) {
        return clauses.next().flatMapMany(first -> {
            log.error("call {}: no speech provider could answer ({}); playing the pre-rendered apology",
                    call.callId(), lastFailure.getMessage());
            return Flux.just(apology.asAudio(first.index())).concatWith(Flux.defer(() -> {
                listener.apologyPlayed(call, lastFailure);
                return Flux.error(new CallCannotContinue("no speech provider could answer", lastFailure));
            }));
        });
    }

    private TtsSession session(int index) {
        TtsSession session = sessions.get(index);
        if (session == null) {
            TtsSession opened = voices.get(index).tts().open(call);
            if (sessions.compareAndSet(index, null, opened)) {
                session = opened;
                if (disposed) {
                    opened.dispose();
                }
            } else {
                opened.dispose();
                session = sessions.get(index);
            }
        }
        return session;
    }

    @Override
    public void dispose() {
        disposed = true;
        for (int i = 0; i < sessions.length(); i++) {
            TtsSession session = sessions.get(i);
            if (session != null) {
                session.dispose();
            }
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
