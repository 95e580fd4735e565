package io.firstbyte.pipeline.tool;

/** The outcome of a tool call as JSON text for the model; {@code error} when the call failed. */
public record ToolResult(String callId, String name, String content, boolean error) {

    public static ToolResult success(ToolCall call, String json) {
        return new ToolResult(call.id(), call.name(), json, false);
    }

    public static ToolResult failure(ToolCall call, String message) {
        return new ToolResult(call.id(), call.name(), "{\"error\":" + JsonText.quote(message) + "}", true);
    }
}
