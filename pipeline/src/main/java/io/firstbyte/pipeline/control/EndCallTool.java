package io.firstbyte.pipeline.control;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolResultReady;
import io.firstbyte.pipeline.tool.EndingTool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The agent's way to hang up: the model says goodbye and calls {@value #NAME}; the call ends once
 * those words have played. The tool itself only acknowledges; the call acts on its result as it
 * passes through the answer ({@link #lastWords}), so a call cannot be left "ending" by a tool that
 * ran for an answer the caller then interrupted. Calling it again changes nothing. Other tools that
 * end the call ({@link EndingTool}: a transfer, a message taken) end it the same way.
 */
public final class EndCallTool implements EndingTool {

    public static final String NAME = "end_call";

    static final String RESULT = "{\"status\":\"ending\",\"note\":\"The call ends once your words have played. "
            + "If you have not said goodbye yet, say a short goodbye now and nothing else.\"}";

    private static final ToolSpec SPEC = new ToolSpec(NAME,
            "Hang up the phone call. Use it when the caller has nothing more to ask or says goodbye: say a short "
                    + "goodbye in the same reply; the call ends after your words have played.",
            "{\"type\":\"object\",\"properties\":{}}");

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public Mono<String> execute(ToolCall call, CallContext context) {
        return Mono.just(RESULT);
    }

    @Override
    public @Nullable String endsCall(ToolResult result) {
        return result.error() ? null : ControlledEnd.AGENT_ENDED.reason();
    }

    /** {@link #lastWords(Flux, Function, Consumer)} for the agent's hang-up alone. */
    public static Flux<AgentEvent> lastWords(Flux<AgentEvent> answer, Runnable ending) {
        return lastWords(answer, result -> hangsUp(result) ? ControlledEnd.AGENT_ENDED.reason() : null,
                reason -> ending.run());
    }

    /**
     * One answer up to a result that ends the call: {@code ending} gets the end reason when a
     * result for which {@code endsCall} gives one passes; if the answer had already said something,
     * it stops there (no further model round, so no second goodbye), otherwise it goes on for the
     * last words the result asks for.
     */
    public static Flux<AgentEvent> lastWords(Flux<AgentEvent> answer, Function<ToolResult, @Nullable String> endsCall,
                                             Consumer<String> ending) {
        return Flux.defer(() -> {
            AtomicBoolean spoke = new AtomicBoolean();
            return answer
                    .doOnNext(event -> {
                        if (event instanceof ModelTextDelta delta && !delta.text().isBlank()) {
                            spoke.set(true);
                        }
                    })
                    .takeUntil(event -> {
                        String reason = event instanceof ToolResultReady ready ? endsCall.apply(ready.result()) : null;
                        if (reason == null) {
                            return false;
                        }
                        ending.accept(reason);
                        return spoke.get();
                    });
        });
    }

    private static boolean hangsUp(ToolResult result) {
        return result.name().equals(NAME) && !result.error();
    }
}
