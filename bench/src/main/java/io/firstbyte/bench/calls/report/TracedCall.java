package io.firstbyte.bench.calls.report;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.TurnTiming;
import java.util.Optional;

/** A call's own measurements with the server's trace of it, when the server had one. */
public record TracedCall(CallResult result, Optional<ServerTrace> trace) {

    /** TTFB minus the server's simulated delay for the same turn; empty when either is unknown. */
    public Optional<Double> overheadMillis(TurnTiming turn) {
        if (!turn.answered()) {
            return Optional.empty();
        }
        return trace.map(t -> t.simulatedDelayMsByTurn().get(turn.turn()))
                .map(delay -> Summary.millis(turn.ttfbNanos()) - delay);
    }

    /** The part of {@link #overheadMillis} the server measured inside itself; empty when the trace lacks it. */
    public Optional<Double> serverOverheadMillis(TurnTiming turn) {
        if (!turn.answered()) {
            return Optional.empty();
        }
        return trace.map(t -> t.serverOverheadMsByTurn().get(turn.turn()));
    }
}
