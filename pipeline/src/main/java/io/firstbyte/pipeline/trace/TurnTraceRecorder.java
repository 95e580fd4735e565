package io.firstbyte.pipeline.trace;

import java.util.ArrayList;
import java.util.List;
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
    private long simulatedDelayNanos;
    private final List<TurnTrace.ToolSpan> tools = new ArrayList<>();

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

    public synchronized boolean outboundStarted() {
        return firstOutboundFrame >= 0;
    }

    public synchronized void tool(String name, long start, long end) {
        tools.add(new TurnTrace.ToolSpan(name, start, end));
    }

    public synchronized void addSimulatedDelay(long nanos) {
        simulatedDelayNanos += nanos;
    }

    public long now() {
        return clock.getAsLong();
    }

    public synchronized TurnTrace snapshot(boolean interrupted) {
        return new TurnTrace(turn, transcript, speechEnd, sttFinal, turnEnded, modelFirstToken, tools,
                ttsFirstByte, firstOutboundFrame, simulatedDelayNanos, interrupted, speculation);
    }
}
