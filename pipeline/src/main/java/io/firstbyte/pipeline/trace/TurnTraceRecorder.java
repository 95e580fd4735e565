package io.firstbyte.pipeline.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Collects one turn's milestones as they happen; the first occurrence of each wins. */
public final class TurnTraceRecorder {

    private final int turn;
    private final String transcript;
    private final LongSupplier clock;
    private final long speechEnd;
    private final long sttFinal;
    private final long turnEnded;
    private long modelFirstToken = -1;
    private long ttsFirstByte = -1;
    private long firstOutboundFrame = -1;
    private long simulatedDelayNanos;
    private final List<TurnTrace.ToolSpan> tools = new ArrayList<>();

    public TurnTraceRecorder(int turn, String transcript, LongSupplier clock, long speechEnd, long sttFinal) {
        this.turn = turn;
        this.transcript = transcript;
        this.clock = clock;
        this.speechEnd = speechEnd;
        this.sttFinal = sttFinal;
        this.turnEnded = clock.getAsLong();
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
                ttsFirstByte, firstOutboundFrame, simulatedDelayNanos, interrupted);
    }
}
