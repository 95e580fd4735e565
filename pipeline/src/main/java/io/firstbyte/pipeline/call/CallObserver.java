package io.firstbyte.pipeline.call;

import io.firstbyte.pipeline.trace.TurnTrace;

/** Receives what happens in a call for metrics and logs. All methods must be cheap and non-blocking. */
public interface CallObserver {

    CallObserver NONE = new CallObserver() { };

    /** A turn is over: its answer played out, or a barge-in, a newer answer or the call's end cut it off. */
    default void turnTraced(TurnTrace trace) {
    }

    default void bargeIn(long speechStartedToInterruptionNanos) {
    }

    /**
     * A barge-in, as the caller lived it: from the onset of their speech to the last agent audio the
     * server sent (0 when none was sent after the onset).
     */
    default void bargeInHeard(long speechOnsetToLastAgentAudioNanos) {
    }

    /** An outbound frame was sent after the caller's playback buffer had already run dry. */
    default void lateFrame() {
    }

    default void outboundFrame() {
    }

    default void stageFailed(String stage, Throwable error) {
    }

    /**
     * The caller pressed the key that asks for a person ({@code key}): a call-control signal a
     * hand-over can act on. The model is told too, as the caller's input.
     */
    default void humanRequested(String key) {
    }
}
