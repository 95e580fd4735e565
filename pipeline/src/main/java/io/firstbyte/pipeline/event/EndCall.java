package io.firstbyte.pipeline.event;

/** The pipeline ends the call (for example after a final apology); the transport hangs up. */
public record EndCall(String reason) implements OutboundEvent {
}
