package io.firstbyte.pipeline.event;

/** A playback marker after a clause; the gateway echoes it as {@link MarkPlayed} once played. */
public record MarkSent(String name) implements OutboundEvent {
}
