package io.firstbyte.pipeline.agent;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model remembers of one call: the system prompt plus the most recent messages. It
 * only ever holds what the caller heard of the agent, and a tool call enters it only together
 * with its result, so the history never holds an unanswered tool call. Thread-safe.
 */
public final class ConversationHistory {

    private final ChatMessage.System system;
    private final int limit;
    private final List<ChatMessage> messages = new ArrayList<>();

    public ConversationHistory(String systemPrompt, int limit) {
        this.system = new ChatMessage.System(systemPrompt);
        this.limit = limit;
    }

    public synchronized void userSaid(String text) {
        messages.add(new ChatMessage.User(text));
        trim();
    }

    public synchronized void agentSaid(String heardText) {
        if (!heardText.isBlank()) {
            messages.add(ChatMessage.Assistant.said(heardText));
            trim();
        }
    }

    /** Records a tool call and its result as one adjacent pair. */
    public synchronized void toolExchange(ToolCall call, ToolResult result) {
        messages.add(new ChatMessage.Assistant("", List.of(call)));
        messages.add(new ChatMessage.ToolOutput(result.callId(), result.name(), result.content()));
        trim();
    }

    /** The system prompt followed by the retained messages. */
    public synchronized List<ChatMessage> snapshot() {
        List<ChatMessage> copy = new ArrayList<>(messages.size() + 1);
        copy.add(system);
        copy.addAll(messages);
        return copy;
    }

    private void trim() {
        while (messages.size() > limit || startsWithOrphanedToolOutput()) {
            messages.remove(0);
        }
    }

    private boolean startsWithOrphanedToolOutput() {
        return !messages.isEmpty() && messages.get(0) instanceof ChatMessage.ToolOutput;
    }
}
