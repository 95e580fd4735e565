package io.firstbyte.pipeline.turn;

/** Whether the caller's frame ending at {@code endMillis} (caller-audio clock) was voiced, as the call's VAD judged it. */
public record CallerVoicing(long endMillis, boolean voiced) {
}
