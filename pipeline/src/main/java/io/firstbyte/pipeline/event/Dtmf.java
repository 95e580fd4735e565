package io.firstbyte.pipeline.event;

/** A key the caller pressed. */
public record Dtmf(String digit) implements InboundEvent {
}
