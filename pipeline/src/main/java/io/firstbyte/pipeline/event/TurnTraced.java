package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.trace.TurnTrace;

/** A turn's latency trace, published when the turn's first audio left (or the turn ended). */
public record TurnTraced(TurnTrace trace) implements AgentEvent {
}
