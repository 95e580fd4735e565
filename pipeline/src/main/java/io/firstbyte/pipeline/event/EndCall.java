package io.firstbyte.pipeline.event;

import org.jspecify.annotations.Nullable;

/**
 * The pipeline ends the call (for example after a final apology); the transport hangs up, or, when
 * {@code transferTo} is set (an E.164 number the application chose when the call ends for a
 * transfer), hands the caller over to that number the way its gateway can.
 */
public record EndCall(String reason, @Nullable String transferTo) implements OutboundEvent {

    public EndCall(String reason) {
        this(reason, null);
    }
}
