package io.firstbyte.pipeline.llm;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.List;

/** One request to a language model: the conversation so far and the tools it may call. */
public record ModelRequest(CallContext call, List<ChatMessage> messages, List<ToolSpec> tools) {

    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
