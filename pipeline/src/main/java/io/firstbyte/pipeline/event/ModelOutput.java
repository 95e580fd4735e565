package io.firstbyte.pipeline.event;

/** One element of a language model's streamed answer. */
public sealed interface ModelOutput extends AgentEvent permits ModelTextDelta, ToolCallRequested, ModelFinished {
}
