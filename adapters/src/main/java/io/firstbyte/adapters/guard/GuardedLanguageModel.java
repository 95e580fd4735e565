package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import reactor.core.publisher.Flux;

/** A language model whose every stream runs through its provider's guard. */
public final class GuardedLanguageModel implements LanguageModel {

    private final LanguageModel model;
    private final ProviderGuard guard;

    public GuardedLanguageModel(LanguageModel model, ProviderGuard guard) {
        this.model = model;
        this.guard = guard;
    }

    @Override
    public Flux<ModelOutput> stream(ModelRequest request) {
        return guard.protect(Flux.defer(() -> model.stream(request)));
    }

    public ProviderGuard guard() {
        return guard;
    }
}
