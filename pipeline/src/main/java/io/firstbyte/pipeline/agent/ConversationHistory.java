package io.firstbyte.pipeline.agent;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What the model remembers of one call: the system prompt plus the most recent messages. It
 * only ever holds what the caller heard of the agent, and a tool call enters it only together
 * with its result, so the history never holds an unanswered tool call. Thread-safe. As the
 * {@link AnswerHistory} of a confirmed turn it answers the messages it holds now.
 */
public final class ConversationHistory implements AnswerHistory {

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
    @Override
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

    /**
     * What {@link #snapshot()} would be after {@code agentSaid(heardText)} and {@code userSaid(userText)},
     * without recording either: the conversation a speculative answer responds to.
     */
    public synchronized List<ChatMessage> snapshotWith(String heardText, String userText) {
        List<ChatMessage> next = new ArrayList<>(messages);
        if (!heardText.isBlank()) {
            next.add(ChatMessage.Assistant.said(heardText));
        }
        next.add(new ChatMessage.User(userText));
        trim(next);
        List<ChatMessage> copy = new ArrayList<>(next.size() + 1);
        copy.add(system);
        copy.addAll(next);
        return copy;
    }

    @Override
    public List<ChatMessage> conversation() {
        return snapshot();
    }

    @Override
    public Mono<Void> sideEffectsAllowed() {
        return Mono.empty();
    }

    private void trim() {
        trim(messages);
    }

    private void trim(List<ChatMessage> list) {
        while (list.size() > limit || startsWithOrphanedToolOutput(list)) {
            list.remove(0);
        }
    }

    private static boolean startsWithOrphanedToolOutput(List<ChatMessage> list) {
        return !list.isEmpty() && list.get(0) instanceof ChatMessage.ToolOutput;
    }
}
