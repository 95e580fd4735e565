package io.firstbyte.pipeline.agent;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What one answer reads and writes of the conversation: the messages it answers, where its tool
 * exchanges go, and when a tool with side effects may run. For a confirmed turn that is the call's
 * {@link ConversationHistory} itself; a speculative answer (the caller may not have finished) keeps its
 * exchanges apart and its side effects waiting until the turn is confirmed.
 */
public interface AnswerHistory {

    /** The conversation the answer responds to, its system prompt first. */
    List<ChatMessage> conversation();

    /** Records a tool call and its result as one adjacent pair. */
    void toolExchange(ToolCall call, ToolResult result);

    /** Completes when a tool with side effects may run: at once for a confirmed turn. */
    Mono<Void> sideEffectsAllowed();
}
