package io.firstbyte.pipeline.event;

/** The model's stream ended normally; {@code reason} as the provider gave it (stop, tool_calls, length). */
public record ModelFinished(String reason) implements ModelOutput {
}
