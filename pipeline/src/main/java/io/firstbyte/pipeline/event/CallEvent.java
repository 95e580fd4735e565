package io.firstbyte.pipeline.event;

/**
 * Everything that happens in one call, as plain data. Four sealed families: what the transport
 * brings in, what the speech stages hear, what the agent does, and what goes back out.
 */
public sealed interface CallEvent permits InboundEvent, SpeechEvent, AgentEvent, OutboundEvent {
}
