package io.firstbyte.app.observability;

import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;

/** Tells two observers of one call everything, first the meters, then the trace. */
public record BothObservers(CallObserver first, CallObserver second) implements CallObserver {

    /** {@code first} alone when {@code second} is {@link CallObserver#NONE}. */
    public static CallObserver of(CallObserver first, CallObserver second) {
        return second == CallObserver.NONE ? first : new BothObservers(first, second);
    }

    @Override
    public void turnTraced(TurnTrace trace) {
        first.turnTraced(trace);
        second.turnTraced(trace);
    }

    @Override
    public void bargeIn(long nanos) {
        first.bargeIn(nanos);
        second.bargeIn(nanos);
    }

    @Override
    public void bargeInHeard(long nanos) {
        first.bargeInHeard(nanos);
        second.bargeInHeard(nanos);
    }

    @Override
    public void lateFrame() {
        first.lateFrame();
        second.lateFrame();
    }

    @Override
    public void outboundFrame() {
        first.outboundFrame();
        second.outboundFrame();
    }

    @Override
    public void stageFailed(String stage, Throwable error) {
        first.stageFailed(stage, error);
        second.stageFailed(stage, error);
    }

    @Override
    public void humanRequested(String key) {
        first.humanRequested(key);
        second.humanRequested(key);
    }
}
