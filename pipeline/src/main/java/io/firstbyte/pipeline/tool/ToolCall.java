package io.firstbyte.pipeline.tool;

/** A model's request to run tool {@code name} with JSON {@code arguments}; {@code id} pairs it with its result. */
public record ToolCall(String id, String name, String arguments) {
}
