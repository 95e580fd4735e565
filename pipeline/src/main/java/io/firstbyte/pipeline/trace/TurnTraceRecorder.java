package io.firstbyte.pipeline.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Collects one turn's milestones as they happen; the first occurrence of each wins. A speculative
 * answer's recorder starts {@linkplain #pending pending}: it collects milestones before its turn
 * exists, and becomes that turn's when {@linkplain #confirmed confirmed}.
 */
public final class TurnTraceRecorder {

    private final LongSupplier clock;
    private int turn;
    private String transcript;
    private long speechEnd;
    private long sttFinal;
    private long turnEnded;
    private boolean confirmed;
    private TurnTrace.Speculation speculation = TurnTrace.Speculation.NONE;
    private long modelFirstToken = -1;
    private long ttsFirstByte = -1;
    private long firstOutboundFrame = -1;
    private long firstClause = -1;
    private long modelEnd = -1;
    private long simulatedDelayNanos;
    private final List<TurnTrace.ToolSpan> tools = new ArrayList<>();
    private final Map<String, Requested> requested = new LinkedHashMap<>();

    private record Requested(String name, String arguments, long at) {
    }

    public TurnTraceRecorder(int turn, String transcript, LongSupplier clock, long speechEnd, long sttFinal) {
        this.clock = clock;
        confirmed(turn, transcript, speechEnd, sttFinal);
    }

    private TurnTraceRecorder(LongSupplier clock) {
        this.clock = clock;
        this.transcript = "";
    }

    /** A recorder for an answer whose turn is not confirmed yet. */
    public static TurnTraceRecorder pending(LongSupplier clock) {
        return new TurnTraceRecorder(clock);
    }

    /** The answer belongs to this turn, which ended now. */
    public synchronized void confirmed(int turn, String transcript, long speechEnd, long sttFinal) {
        this.turn = turn;
        this.transcript = transcript;
        this.speechEnd = speechEnd;
        this.sttFinal = sttFinal;
        this.turnEnded = clock.getAsLong();
        this.confirmed = true;
    }

    /** Whether the answer belongs to a turn yet (a pending speculative one does not). */
    public synchronized boolean isConfirmed() {
        return confirmed;
    }

    public synchronized void speculation(TurnTrace.Speculation speculation) {
        this.speculation = speculation;
    }

    public synchronized void modelFirstToken() {
        if (modelFirstToken < 0) {
            modelFirstToken = clock.getAsLong();
        }
    }

    /** The answer's first clause went to the voice. */
    public synchronized void firstClause() {
        if (firstClause < 0) {
            firstClause = clock.getAsLong();
        }
    }

    /** A model round ended; the last one of the turn wins. */
    public synchronized void modelFinished() {
        modelEnd = clock.getAsLong();
    }

    public synchronized void ttsFirstByte() {
        if (ttsFirstByte < 0) {
            ttsFirstByte = clock.getAsLong();
        }
    }

    /** Returns true for the turn's first outbound frame. */
    public synchronized boolean firstOutboundFrame() {
        if (firstOutboundFrame < 0) {
            firstOutboundFrame = clock.getAsLong();
            return true;
        }
        return false;
    }

    /** Caller speech end on the call's clock: the start of the turn's window. */
    public synchronized long speechEnd() {
        return speechEnd;
    }

    /** The first outbound frame on the call's clock, or -1 before it. */
    public synchronized long firstOutboundFrameAt() {
        return firstOutboundFrame;
    }

    public synchronized boolean outboundStarted() {
        return firstOutboundFrame >= 0;
    }

    /** The model asked for tool call {@code callId} with these (JSON) arguments. */
    public synchronized void toolRequested(String callId, String name, String arguments) {
        requested.put(callId, new Requested(name, arguments, clock.getAsLong()));
    }

    /** Tool call {@code callId} got its result: it enters the trace with its arguments and result. */
    public synchronized void toolFinished(String callId, String name, String result) {
        Requested call = requested.remove(callId);
        tools.add(new TurnTrace.ToolSpan(name, call == null ? -1 : call.at(), clock.getAsLong(),
                call == null ? "" : call.arguments(), result));
    }

    public synchronized void addSimulatedDelay(long nanos) {
        simulatedDelayNanos += nanos;
    }

    public long now() {
        return clock.getAsLong();
    }

    /** The turn as traced so far; a tool call still running is in it with end -1 and no result. */
    public synchronized TurnTrace snapshot(boolean interrupted, String agentText) {
        List<TurnTrace.ToolSpan> all = new ArrayList<>(tools);
        requested.values().forEach(call -> all.add(new TurnTrace.ToolSpan(call.name(), call.at(), -1, call.arguments(), "")));
        return new TurnTrace(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, all,
                ttsFirstByte, firstOutboundFrame, simulatedDelayNanos, interrupted, agentText, firstClause, modelEnd,
                speculation);
    }

    public synchronized TurnTrace snapshot(boolean interrupted) {
        return snapshot(interrupted, "");
    }
}
