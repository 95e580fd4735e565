package io.firstbyte.pipeline.trace;

import java.util.List;

/**
 * One turn, traced once it is over: monotonic timestamps (nanoseconds, from the call's clock) of
 * its milestones, -1 where a milestone did not happen. {@code simulatedDelayNanos} is the part of
 * the turn's critical path that simulated providers spent waiting on purpose (0 with real
 * providers). {@code interrupted}: the answer was cut off before the caller heard all of it (a
 * barge-in, a newer turn, the call's end); {@code agentText} is what the caller heard of it.
 * {@code firstClause} is when the answer's first clause went to the voice, {@code modelEnd} when the
 * model's last round ended (-1 while it still streams when the trace is taken). {@code speculation}
 * says whether the answer was started before the turn was confirmed, and what the speculative
 * answers discarded on the way to this turn cost. A speculative answer may have had its first
 * token, first clause and first audio before {@code turnEnded}.
 */
public record TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                        long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                        long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted, String agentText,
                        long firstClause, long modelEnd, Speculation speculation) {

    public TurnTrace {
        tools = List.copyOf(tools);
    }

    /** A turn answered without speculation. */
    public TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                     long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                     long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted, String agentText,
                     long firstClause, long modelEnd) {
        this(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, tools, ttsFirstByte, firstOutboundFrame,
                simulatedDelayNanos, interrupted, agentText, firstClause, modelEnd, Speculation.NONE);
    }

    /** A turn without the first-clause and model-end milestones. */
    public TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                     long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                     long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted, String agentText) {
        this(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, tools, ttsFirstByte, firstOutboundFrame,
                simulatedDelayNanos, interrupted, agentText, -1, -1);
    }

    /** A turn without what the agent said. */
    public TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                     long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                     long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted, long firstClause, long modelEnd) {
        this(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, tools, ttsFirstByte, firstOutboundFrame,
                simulatedDelayNanos, interrupted, "", firstClause, modelEnd);
    }

    /** A turn without what the agent said, nor the first-clause and model-end milestones. */
    public TurnTrace(int turn, String transcript, long speechEnd, long sttFinal, long turnEnded,
                     long modelFirstToken, List<ToolSpan> tools, long ttsFirstByte,
                     long firstOutboundFrame, long simulatedDelayNanos, boolean interrupted) {
        this(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, tools, ttsFirstByte, firstOutboundFrame,
                simulatedDelayNanos, interrupted, "", -1, -1);
    }

    /** One tool call's start and end, with the model's arguments and the result it got (JSON text). */
    public record ToolSpan(String name, long start, long end, String arguments, String result) {

        /** A tool call without its arguments and result. */
        public ToolSpan(String name, long start, long end) {
            this(name, start, end, "", "");
        }
    }

    /**
     * A turn's speculation: whether its answer was a speculative one released on confirmation
     * ({@code used}), and the speculative answers discarded during the turn with the model requests
     * they made and the output tokens (text deltas and tool calls) they received.
     */
    public record Speculation(boolean used, int discarded, int wastedModelRequests, long wastedModelTokens) {

        public static final Speculation NONE = new Speculation(false, 0, 0, 0);
    }

    /** Time to first byte: caller speech end to first outbound frame, or -1. */
    public long ttfbNanos() {
        return speechEnd < 0 || firstOutboundFrame < 0 ? -1 : firstOutboundFrame - speechEnd;
    }

    public long between(long from, long to) {
        return from < 0 || to < 0 ? -1 : to - from;
    }
}
