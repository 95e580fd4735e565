package io.firstbyte.app.records;

import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One finished call as it is kept: its gateway (dialect), the caller's and the dialled number (the
 * caller's number is the tenant's own customer data: shown to the admin API, never logged), when it
 * started and ended, why it ended ({@code caller}, {@code operator}, {@code inbound-silence},
 * {@code max-duration}, {@code error}, ... as the call's end is metered) and its turns. The tenant is
 * {@code business_id} in JSON, as the admin API calls it.
 */
public record CallRecord(UUID id, String callId, @JsonProperty("business_id") @Nullable UUID tenantId, String gateway, @Nullable String caller,
                         @Nullable String dialled, Instant startedAt, Instant endedAt, String endReason, List<Turn> turns) {

    /** Longest tool argument or result text kept; a longer one is cut and ends with an ellipsis. */
    static final int MAX_TOOL_TEXT = 8_000;

    public CallRecord {
        turns = List.copyOf(turns);
    }

    /**
     * One turn: what the caller said, what the caller heard of the agent (all of the answer unless
     * {@code interrupted}), its tool calls and its latency (milliseconds, -1 where a milestone did not happen).
     */
    public record Turn(int turn, String callerText, String agentText, boolean interrupted, List<ToolCall> tools,
                       Latency latency) {

        public Turn {
            tools = List.copyOf(tools);
        }

        static Turn of(TurnTrace trace) {
            return new Turn(trace.turn(), trace.transcript(), trace.agentText(), trace.interrupted(),
                    trace.tools().stream().map(span -> ToolCall.of(trace, span)).toList(), Latency.of(trace));
        }
    }

    /** A tool call: its arguments and result (JSON text; no result when the turn ended while it ran), its start from the turn's end and its duration. */
    public record ToolCall(String name, String arguments, String result, double startMs, double durationMs) {

        static ToolCall of(TurnTrace trace, TurnTrace.ToolSpan span) {
            return new ToolCall(span.name(), cut(span.arguments()), cut(span.result()),
                    millis(trace.between(trace.turnEnded(), span.start())), millis(trace.between(span.start(), span.end())));
        }
    }

    /** Time to first byte and its stages; {@code overheadMs} is the server's own share (without simulated delays). */
    public record Latency(double ttfbMs, double overheadMs, double sttFinalMs, double modelFirstTokenMs,
                          double ttsFirstByteMs) {

        static Latency of(TurnTrace trace) {
            double ttfb = millis(trace.ttfbNanos());
            double overhead = trace.ttfbNanos() < 0 ? -1 : millis(Math.max(0, trace.ttfbNanos() - trace.simulatedDelayNanos()));
            return new Latency(ttfb, overhead,
                    millis(trace.between(trace.speechEnd(), trace.sttFinal())),
                    millis(trace.between(trace.turnEnded(), trace.modelFirstToken())),
                    millis(trace.between(trace.turnEnded(), trace.ttsFirstByte())));
        }
    }

    private static double millis(long nanos) {
        return nanos < 0 ? -1 : Math.round(nanos / 1e4) / 100.0;
    }

    private static String cut(String text) {
        return text.length() <= MAX_TOOL_TEXT ? text : text.substring(0, MAX_TOOL_TEXT - 1) + "…";
    }
}
