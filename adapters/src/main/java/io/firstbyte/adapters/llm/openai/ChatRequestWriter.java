package io.firstbyte.adapters.llm.openai;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link ModelRequest} as a streaming Chat Completions request body. */
final class ChatRequestWriter {

    private final ObjectMapper json;
    private final OpenAiConfig config;

    ChatRequestWriter(ObjectMapper json, OpenAiConfig config) {
        this.json = json;
        this.config = config;
    }

    byte[] write(ModelRequest request) {
        ObjectNode body = json.createObjectNode()
                .put("model", config.model())
                .put("stream", true);
        if (config.includeUsage()) {
            body.putObject("stream_options").put("include_usage", true);
        }
        if (config.temperature() != null) {
            body.put("temperature", config.temperature());
        }
        body.put(config.maxCompletionTokens() ? "max_completion_tokens" : "max_tokens", config.maxTokens());
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(message -> messages.add(message(message)));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> tools.add(tool(tool)));
            body.put("tool_choice", config.toolChoice());
            body.put("parallel_tool_calls", config.parallelToolCalls());
        }
        return json.writeValueAsBytes(body);
    }

    private ObjectNode message(ChatMessage message) {
        ObjectNode node = json.createObjectNode();
        switch (message) {
            case ChatMessage.System system -> node.put("role", "system").put("content", system.content());
            case ChatMessage.User user -> node.put("role", "user").put("content", user.content());
            case ChatMessage.Assistant assistant -> assistant(node, assistant);
            case ChatMessage.ToolOutput output -> node.put("role", "tool")
                    .put("tool_call_id", output.toolCallId())
                    .put("content", output.content());
        }
        return node;
    }

    private void assistant(ObjectNode node, ChatMessage.Assistant assistant) {
        node.put("role", "assistant");
        if (assistant.content().isEmpty() && !assistant.toolCalls().isEmpty()) {
            node.putNull("content");
        } else {
            node.put("content", assistant.content());
        }
        if (!assistant.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : assistant.toolCalls()) {
                ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
    }

    private ObjectNode tool(ToolSpec spec) {
        ObjectNode node = json.createObjectNode().put("type", "function");
        node.putObject("function")
                .put("name", spec.name())
                .put("description", spec.description())
                .set("parameters", json.readTree(spec.parametersSchema()));
        return node;
    }
}
