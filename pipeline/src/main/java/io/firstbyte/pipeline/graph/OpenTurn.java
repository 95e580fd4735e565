package io.firstbyte.pipeline.graph;

import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.firstbyte.pipeline.trace.TurnTraceRecorder;
import org.jspecify.annotations.Nullable;

/**
 * The latest turn of a call until it is over, so that its trace is published once and says how it
 * ended: played out (its answer all sent and every mark echoed), or cut off (a barge-in, a newer
 * answer or the end of the call took over first: interrupted). What the agent said is what the
 * caller heard: the whole answer when it played out, the clauses that played before the cut otherwise.
 * A trace published at the first outbound frame could never know any of this. Thread-safe.
 */
final class OpenTurn {

    private final CallObserver observer;
    private @Nullable TurnTraceRecorder trace;
    private StringBuilder sent = new StringBuilder();
    private boolean allSent;

    OpenTurn(CallObserver observer) {
        this.observer = observer;
    }

    /** A new turn is answered; the one before it is over, and the caller heard {@code heard} of it. */
    void next(TurnTraceRecorder turn, String heard) {
        cutOff(heard, false);
        synchronized (this) {
            trace = turn;
            sent = new StringBuilder();
            allSent = false;
        }
    }

    /** A clause of {@code turn} was sent whole (its mark follows its audio). */
    synchronized void clauseSent(TurnTraceRecorder turn, String text) {
        if (turn == trace && !text.isBlank()) {
            sent.append(sent.isEmpty() ? "" : " ").append(text.strip());
        }
    }

    /** The answer to {@code turn} was sent to the end; it is over once the caller played it. */
    void answerSent(TurnTraceRecorder turn, boolean awaitingPlayback) {
        synchronized (this) {
            if (turn != trace) {
                return;
            }
            allSent = true;
        }
        if (!awaitingPlayback) {
            playedOut();
        }
    }

    /** No mark is out any more: an answer sent to the end has played out. */
    void playedOut() {
        TurnTrace over;
        synchronized (this) {
            TurnTraceRecorder turn = trace;
            if (turn == null || !allSent) {
                return;
            }
            over = close(turn, false, sent.toString());
        }
        observer.turnTraced(over);
    }

    /**
     * Something else took over from the turn: a barge-in ({@code bargeIn}), or a newer answer or the
     * end of the call. The caller heard {@code heard} of it.
     */
    void cutOff(String heard, boolean bargeIn) {
        TurnTrace over;
        synchronized (this) {
            TurnTraceRecorder turn = trace;
            if (turn == null) {
                return;
            }
            boolean interrupted = bargeIn || !allSent;
            over = close(turn, interrupted, interrupted ? heard : sent.toString());
        }
        observer.turnTraced(over);
    }

    private TurnTrace close(TurnTraceRecorder turn, boolean interrupted, String agentText) {
        trace = null;
        return turn.snapshot(interrupted, agentText);
    }
}
