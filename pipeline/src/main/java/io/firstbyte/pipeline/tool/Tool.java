package io.firstbyte.pipeline.tool;

import io.firstbyte.pipeline.call.CallContext;
import reactor.core.publisher.Mono;

/**
 * Something the agent can do for the caller, such as checking availability. Execution is
 * asynchronous and must not block; the returned JSON text is read by the model. A tool signals
 * a problem the model should explain by emitting {@link ToolException}.
 */
public interface Tool {

    ToolSpec spec();

    Mono<String> execute(ToolCall call, CallContext context);
}
