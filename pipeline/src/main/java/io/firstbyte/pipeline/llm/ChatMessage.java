package io.firstbyte.pipeline.llm;

import io.firstbyte.pipeline.tool.ToolCall;
import java.util.List;

/** One message of a conversation as chat models see it. */
public sealed interface ChatMessage {

    record System(String content) implements ChatMessage {
    }

    record User(String content) implements ChatMessage {
    }

    /** What the agent said (only what the caller heard) and the tools it called. */
    record Assistant(String content, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }

        public static Assistant said(String content) {
            return new Assistant(content, List.of());
        }
    }

    record ToolOutput(String toolCallId, String name, String content) implements ChatMessage {
    }
}
