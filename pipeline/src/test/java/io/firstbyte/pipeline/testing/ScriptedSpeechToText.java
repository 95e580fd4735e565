package io.firstbyte.pipeline.testing;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.stt.SpeechToText;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A speech-to-text fake the test drives: {@link #hears(String)} emits a final transcript and end of speech. */
public final class ScriptedSpeechToText implements SpeechToText {

    private final Sinks.Many<SpeechEvent> transcripts = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger framesReceived = new AtomicInteger();

    @Override
    public Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio) {
        return Flux.merge(transcripts.asFlux(), audio.doOnNext(frame -> framesReceived.incrementAndGet()).then().flux().cast(SpeechEvent.class))
                .doOnSubscribe(s -> {
                    sessions.incrementAndGet();
                    open.incrementAndGet();
                })
                .doFinally(signal -> open.decrementAndGet());
    }

    public void hears(String text) {
        transcripts.tryEmitNext(new TranscriptFinal(text));
        transcripts.tryEmitNext(new EndOfSpeech());
    }

    /** The session fails for good (its reconnects spent), as a real provider's would. */
    public void fail(Throwable error) {
        transcripts.tryEmitError(error);
    }

    public void emit(SpeechEvent event) {
        transcripts.tryEmitNext(event);
    }

    public int openSessions() {
        return open.get();
    }

    public int sessionsOpened() {
        return sessions.get();
    }

    public int framesReceived() {
        return framesReceived.get();
    }
}
