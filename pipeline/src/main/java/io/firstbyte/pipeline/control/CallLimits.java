package io.firstbyte.pipeline.control;

import java.time.Duration;

/**
 * How long one call may run: {@code inboundSilence} without a single inbound frame (silence audio
 * is still frames, so only a line that went dead trips it) and {@code maxDuration} in all. Zero
 * switches a limit off.
 */
public record CallLimits(Duration inboundSilence, Duration maxDuration) {

    public static final CallLimits DEFAULTS = new CallLimits(Duration.ofSeconds(15), Duration.ofMinutes(30));
    public static final CallLimits NONE = new CallLimits(Duration.ZERO, Duration.ZERO);

    public CallLimits {
        if (inboundSilence.isNegative() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("call limits must not be negative");
        }
    }
}
