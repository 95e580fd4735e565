package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * An ordered list of language models (for example a cloud model, then a second provider): a
 * request goes to the first; if it fails before its first token (timeout, error, open breaker)
 * the next one gets the same request. Once a model has spoken, its failure is the answer's
 * failure: switching models mid-sentence would repeat or contradict what the caller heard.
 * Put each model behind its own {@link GuardedLanguageModel} first.
 */
public final class FailoverLanguageModel implements LanguageModel {

    private final List<LanguageModel> models;

    public FailoverLanguageModel(List<? extends LanguageModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one language model is needed");
        }
        this.models = List.copyOf(models);
    }

    @Override
    public Flux<ModelOutput> stream(ModelRequest request) {
        return Failover.firstThatStarts("model for call " + request.call().callId(), models, model -> model.stream(request));
    }
}
