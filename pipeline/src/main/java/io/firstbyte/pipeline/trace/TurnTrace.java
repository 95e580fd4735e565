package io.firstbyte.pipeline.trace;

import java.util.List;

/**
 * One turn, traced once it is over: monotonic timestamps (nanoseconds, from the call's clock) of
 * its milestones, -1 where a milestone did not happen. {@code simulatedDelayNanos} is the part of
 * the turn's critical path that simulated providers spent waiting on purpose (0 with real
 * providers). {@code interrupted}: the answer was cut off before the caller heard all of it (a
 * barge-in, a newer turn, the call's end); {@code agentText} is what the caller heard of it.
 */
public record TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                        long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                        long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted, String agentText) {

    public TurnTrace {
        tools = List.copyOf(tools);
    }

    /** One tool call's start and end, with the model's arguments and the result it got (JSON text). */
    public record ToolSpan(String name, long start, long end, String arguments, String result) {
    }

    /** Time to first byte: caller speech end to first outbound frame, or -1. */
    public long ttfbNanos() {
        return speechEnd < 0 || firstOutboundFrame < 0 ? -1 : firstOutboundFrame - speechEnd;
    }

    public long between(long from, long to) {
        return from < 0 || to < 0 ? -1 : to - from;
    }
}
