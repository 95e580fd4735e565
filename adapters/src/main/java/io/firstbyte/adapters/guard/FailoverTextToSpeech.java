package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.util.List;

/**
 * An ordered list of speech providers, each behind its own guard (for example Cartesia, then
 * Deepgram Aura). Each call opens the first provider whose breaker is closed at call start (warm);
 * the others are opened only when needed. An answer goes to the first provider; if it fails
 * before its first audio (timeout counted from the first clause, error, open breaker) the next
 * provider speaks the same clauses. When every provider failed, the call hears the
 * {@link PreRenderedApology}, the {@link AllVoicesDownListener} is told, and the answer ends with
 * {@code CallCannotContinue}, so the pipeline ends the call politely instead of going silent. A failure after audio was heard ends that answer.
 */
public final class FailoverTextToSpeech implements TextToSpeech {

    /** One speech provider and the guard of its streams. */
    public record Voice(TextToSpeech tts, ProviderGuard guard) {
    }

    private final List<Voice> voices;
    private final PreRenderedApology apology;
    private final AllVoicesDownListener listener;

    public FailoverTextToSpeech(List<Voice> voices, PreRenderedApology apology, AllVoicesDownListener listener) {
        if (voices.isEmpty()) {
            throw new IllegalArgumentException("at least one speech provider is needed");
        }
        this.voices = List.copyOf(voices);
        this.apology = apology;
        this.listener = listener;
    }

    @Override
    public TtsSession open(CallContext call) {
        return new FailoverTtsSession(call, voices, apology, listener);
    }
}
