package io.firstbyte.app.providers;

import io.firstbyte.app.providers.ProviderStacks.ProviderStack;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tts.TextToSpeech;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage providers the call pipeline sees: each routes a call to the providers its tenant
 * chose (the {@link ProviderSelection} in the call's {@link #ATTRIBUTE}, put there at call start)
 * and to the server's default providers otherwise.
 */
public final class CallProviders {

    /** The call-context attribute holding the tenant's {@link ProviderSelection}, when it has its own. */
    public static final String ATTRIBUTE = "firstbyte.providers";
    private static final Logger log = LoggerFactory.getLogger(CallProviders.class);

    private final ProviderStacks stacks;
    private final ProviderStack defaults;
    private final ProviderSelection defaultSelection;

    public CallProviders(ProviderStacks stacks, ProviderSelection defaults) {
        this.stacks = stacks;
        this.defaults = stacks.forSelection(defaults);
        this.defaultSelection = defaults;
    }

    /** The providers {@code call} asked for: its tenant's own selection, else the server's. */
    public ProviderSelection selectionFor(CallContext call) {
        ProviderSelection chosen = call.attribute(ATTRIBUTE, ProviderSelection.class);
        return chosen == null ? defaultSelection : chosen;
    }

    /** The providers serving {@code call}. */
    public ProviderStack stackFor(CallContext call) {
        ProviderSelection chosen = call.attribute(ATTRIBUTE, ProviderSelection.class);
        if (chosen == null) {
            return defaults;
        }
        try {
            return stacks.forSelection(chosen);
        } catch (RuntimeException failed) {
            log.warn("call {}: the tenant's providers are unavailable ({}); using the server's", call.callId(),
                    failed.getMessage());
            return defaults;
        }
    }

    public SpeechToText speechToText() {
        return (call, audio) -> stackFor(call).stt().transcribe(call, audio);
    }

    public LanguageModel languageModel() {
        return request -> stackFor(request.call()).llm().stream(request);
    }

    public TextToSpeech textToSpeech() {
        return call -> stackFor(call).tts().open(call);
    }
}
