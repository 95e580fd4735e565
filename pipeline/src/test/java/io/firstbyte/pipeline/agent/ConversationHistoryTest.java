package io.firstbyte.pipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {

    @Test
    void keepsTheSystemPromptAndTheLastNMessages() {
        ConversationHistory history = new ConversationHistory("be brief", 3);
        history.userSaid("one");
        history.agentSaid("two");
        history.userSaid("three");
        history.agentSaid("four");
        assertThat(history.snapshot()).containsExactly(new ChatMessage.System("be brief"),
                ChatMessage.Assistant.said("two"), new ChatMessage.User("three"), ChatMessage.Assistant.said("four"));
    }

    @Test
    void trimmingNeverLeavesAToolResultWithoutItsCall() {
        ConversationHistory history = new ConversationHistory("be brief", 3);
        ToolCall call = new ToolCall("c1", "check_availability", "{}");
        history.userSaid("anything tuesday?");
        history.toolExchange(call, ToolResult.success(call, "{}"));
        history.agentSaid("ten is free");
        history.userSaid("great");
        assertThat(history.snapshot()).noneMatch(ChatMessage.ToolOutput.class::isInstance)
                .noneMatch(m -> m instanceof ChatMessage.Assistant a && !a.toolCalls().isEmpty());
    }

    @Test
    void nothingIsRecordedForAnAnswerTheCallerDidNotHear() {
        ConversationHistory history = new ConversationHistory("be brief", 15);
        history.agentSaid("");
        history.agentSaid("   ");
        assertThat(history.snapshot()).hasSize(1);
    }
}
