package io.firstbyte.pipeline.turn;

/** What the barge-in policy decided about the caller's speech over the agent. */
public sealed interface BargeInDecision {

    /** The caller started speaking over the agent at {@code onsetMillis} (caller-audio clock): stop sending new audio. */
    record Pause(long onsetMillis) implements BargeInDecision {
    }

    /** It was a backchannel: carry on where the answer paused. */
    record Resume(long onsetMillis) implements BargeInDecision {
    }

    /** It is an interruption: clear what the caller has queued and cancel the answer. */
    record Interrupt(long onsetMillis) implements BargeInDecision {
    }
}
