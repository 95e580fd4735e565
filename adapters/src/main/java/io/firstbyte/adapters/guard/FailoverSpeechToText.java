package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.stt.SpeechToText;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * An ordered list of speech-to-text providers. The call listens through the first; when its
 * session fails (at call start, or mid-call once its own reconnect is spent) the next provider
 * takes over the live audio from that moment. Unlike speech and tokens, transcripts can switch
 * provider mid-call without repeating anything to the caller; the audio between the failure and
 * the new session's start is lost. When the last provider fails, its failure ends the stream.
 */
public final class FailoverSpeechToText implements SpeechToText {

    private static final Logger log = LoggerFactory.getLogger(FailoverSpeechToText.class);

    private final List<SpeechToText> providers;

    public FailoverSpeechToText(List<? extends SpeechToText> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("at least one speech-to-text provider is needed");
        }
        this.providers = List.copyOf(providers);
    }

    @Override
    public Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio) {
        return from(0, call, audio);
    }

    private Flux<SpeechEvent> from(int index, CallContext call, Flux<AudioIn> audio) {
        Flux<SpeechEvent> session = providers.get(index).transcribe(call, audio);
        if (index + 1 >= providers.size()) {
            return session;
        }
        return session.onErrorResume(error -> {
            log.warn("call {}: speech-to-text provider {} of {} failed, switching: {}", call.callId(), index + 1,
                    providers.size(), error.getMessage());
            return from(index + 1, call, audio);
        });
    }
}
