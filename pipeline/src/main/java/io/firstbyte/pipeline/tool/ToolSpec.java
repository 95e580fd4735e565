package io.firstbyte.pipeline.tool;

/** What the model is told about a tool: its name, what it does, and its parameters as JSON Schema text. */
public record ToolSpec(String name, String description, String parametersSchema) {
}
