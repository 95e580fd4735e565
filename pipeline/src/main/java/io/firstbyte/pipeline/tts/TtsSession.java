package io.firstbyte.pipeline.tts;

import io.firstbyte.pipeline.event.TtsAudio;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One call's text-to-speech session. {@link #speak} synthesises one answer: clauses arrive as the
 * model produces them, audio leaves tagged with its clause. Cancelling the returned flux stops
 * the answer at the provider (barge-in); {@link #dispose()} closes the session at hang-up.
 */
public interface TtsSession extends Disposable {

    Flux<TtsAudio> speak(Flux<Clause> clauses);
}
