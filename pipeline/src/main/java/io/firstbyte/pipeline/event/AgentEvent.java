package io.firstbyte.pipeline.event;

/** What the agent does while answering a turn. */
public sealed interface AgentEvent extends CallEvent
        permits ModelOutput, ToolResultReady, TtsAudio, TurnTraced {
}
