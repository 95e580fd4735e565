package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.tool.ToolResult;

/** A tool call finished, successfully or with an error the model can read. */
public record ToolResultReady(ToolResult result) implements AgentEvent {
}
