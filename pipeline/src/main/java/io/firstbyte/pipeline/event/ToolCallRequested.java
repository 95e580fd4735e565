package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.tool.ToolCall;

/** The model asks for a tool call (its arguments complete). */
public record ToolCallRequested(ToolCall call) implements ModelOutput {
}
