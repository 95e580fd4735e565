package io.firstbyte.pipeline.event;

/** The call ended on the caller's side (stop message or closed connection). */
public record HangUp(String reason) implements InboundEvent {
}
