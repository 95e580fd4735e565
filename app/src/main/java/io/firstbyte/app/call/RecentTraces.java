package io.firstbyte.app.call;

import io.firstbyte.pipeline.trace.TurnTrace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-turn traces of the most recent calls, bounded by count, so a load client can read the
 * server's view of each turn (for example the simulated providers' share of it) after a call.
 */
public final class RecentTraces {

    /**
     * One turn as reported over HTTP; times in milliseconds, -1 where a milestone did not happen.
     * {@code agentText} is what the caller heard of the answer, all of it unless {@code interrupted}. With
     * {@code speculated} the answer started before the turn ended (when its model's first token or first
     * audio came before the turn's end, those stages read -1); {@code speculationsDiscarded} answers
     * were started and discarded during the turn, costing {@code wastedModelRequests} requests.
     */
    public record TurnReport(int turn, String transcript, String agentText, double ttfbMs, double simulatedDelayMs, double overheadMs,
                             double sttFinalMs, double modelFirstTokenMs, double ttsFirstByteMs, int toolCalls,
                             List<ToolReport> tools, boolean interrupted, boolean speculated, int speculationsDiscarded,
                             int wastedModelRequests) {

        static TurnReport of(TurnTrace trace) {
            double ttfb = millis(trace.ttfbNanos());
            double simulated = trace.simulatedDelayNanos() / 1e6;
            return new TurnReport(trace.turn(), trace.transcript(), trace.agentText(), ttfb, simulated, ttfb < 0 ? -1 : ttfb - simulated,
                    millis(trace.between(trace.speechEnd(), trace.sttFinal())),
                    millis(trace.between(trace.turnEnded(), trace.modelFirstToken())),
                    millis(trace.between(trace.turnEnded(), trace.ttsFirstByte())),
                    trace.tools().size(),
                    trace.tools().stream().map(span -> new ToolReport(span.name(),
                            millis(trace.between(trace.turnEnded(), span.start())),
                            millis(trace.between(span.start(), span.end())))).toList(),
                    trace.interrupted(), trace.speculation().used(), trace.speculation().discarded(),
                    trace.speculation().wastedModelRequests());
        }

        private static double millis(long nanos) {
            return nanos < 0 ? -1 : nanos / 1e6;
        }
    }

    /** One tool call of a turn: when it started (from the turn's end) and how long it ran, in milliseconds. */
    public record ToolReport(String name, double startMs, double durationMs) {
    }

    private final int capacity;
    private final Map<String, List<TurnReport>> calls;

    public RecentTraces(int capacity) {
        this.capacity = capacity;
        this.calls = new LinkedHashMap<>(capacity, 0.75f, false);
    }

    public synchronized void record(String callId, TurnTrace trace) {
        calls.computeIfAbsent(callId, id -> new ArrayList<>()).add(TurnReport.of(trace));
        while (calls.size() > capacity) {
            calls.remove(calls.keySet().iterator().next());
        }
    }

    public synchronized Optional<List<TurnReport>> turns(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(List::copyOf);
    }
}
