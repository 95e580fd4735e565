package io.firstbyte.pipeline.stt;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import reactor.core.publisher.Flux;

/**
 * A streaming speech-to-text session for one call. Subscribing opens the session (at call
 * start, so it is warm when the caller speaks); cancelling closes it. It emits interim and final
 * transcripts, and {@code EndOfSpeech} when the provider decides an utterance ended.
 */
public interface SpeechToText {

    Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio);
}
