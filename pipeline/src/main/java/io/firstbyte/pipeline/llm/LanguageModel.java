package io.firstbyte.pipeline.llm;

import io.firstbyte.pipeline.event.ModelOutput;
import reactor.core.publisher.Flux;

/**
 * A streaming chat model. The returned flux is cold: subscribing sends the request, cancelling
 * aborts it (barge-in). It emits text deltas and complete tool calls, then {@code ModelFinished}.
 */
public interface LanguageModel {

    Flux<ModelOutput> stream(ModelRequest request);
}
