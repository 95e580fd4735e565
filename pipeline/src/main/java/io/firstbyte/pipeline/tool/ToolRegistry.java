package io.firstbyte.pipeline.tool;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tools one agent may call. Running a call never fails: unknown tools, timeouts and
 * errors all become a {@link ToolResult} with {@code error = true}, so every tool call the
 * model made is answered.
 */
public final class ToolRegistry {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Duration timeout;

    public ToolRegistry(List<? extends Tool> tools, Duration timeout) {
        tools.forEach(tool -> this.tools.put(tool.spec().name(), tool));
        this.timeout = timeout;
    }

    public static ToolRegistry empty() {
        return new ToolRegistry(List.of(), Duration.ofSeconds(5));
    }

    public List<ToolSpec> specs() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    /** Whether the named tool only reads; an unknown tool counts as one with side effects. */
    public boolean readOnly(String name) {
        Tool tool = tools.get(name);
        return tool != null && tool.spec().readOnly();
    }

    /** The end reason when {@code result} is one that ends the call ({@link EndingTool}); null otherwise. */
    public @Nullable String endsCall(ToolResult result) {
        return tools.get(result.name()) instanceof EndingTool ending ? ending.endsCall(result) : null;
    }

    /** The number the ending tools hand the caller over to as the call ends for {@code reason}; empty for none. */
    public Mono<String> handOverTo(CallContext context, String reason) {
        return Flux.fromIterable(tools.values()).ofType(EndingTool.class)
                .concatMap(tool -> tool.handOverTo(context, reason))
                .next();
    }

    public Mono<ToolResult> run(ToolCall call, CallContext context) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return Mono.just(ToolResult.failure(call, "unknown tool " + call.name()));
        }
        return Mono.defer(() -> tool.execute(call, context))
                .timeout(timeout)
                .map(json -> ToolResult.success(call, json))
                .onErrorResume(error -> Mono.just(ToolResult.failure(call, describe(call, error))));
    }

    private static String describe(ToolCall call, Throwable error) {
        if (error instanceof ToolException) {
            return error.getMessage();
        }
        if (error instanceof TimeoutException) {
            return "the " + call.name() + " lookup took too long; it did not complete";
        }
        log.warn("tool {} failed: {}", call.name(), error.toString());
        return "the " + call.name() + " lookup failed; it did not complete";
    }
}
