package io.firstbyte.pipeline.tool;

import io.firstbyte.pipeline.call.CallContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A tool whose result can end the call (hang up, hand over, a message taken): the call ends once
 * the words of the answer that carried the result have played. The tool only answers; the call acts
 * on the result as it passes through the answer, so an answer the caller interrupted before the
 * result was reached ends nothing.
 */
public interface EndingTool extends Tool {

    /** The end reason when {@code result} (of this tool) ends the call; null when the call goes on. */
    @Nullable String endsCall(ToolResult result);

    /**
     * The number the caller is handed over to as the call ends for {@code reason} (asked of every ending
     * tool once the last words have played, before the transport ends the call; each answers only for
     * its own reason): the place for the hand-over's side effects. Empty (the default): the call just
     * ends. Should be quick: the caller waits in silence meanwhile.
     */
    default Mono<String> handOverTo(CallContext context, String reason) {
        return Mono.empty();
    }
}
