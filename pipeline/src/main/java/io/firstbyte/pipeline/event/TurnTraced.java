package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.trace.TurnTrace;

/** A turn's trace, published once the turn is over (played out, or cut off by a barge-in, a newer answer or the call's end). */
public record TurnTraced(TurnTrace trace) implements AgentEvent {
}
