package io.firstbyte.pipeline.event;

/** The gateway echoed a mark: the audio before it has played, or was flushed by a clear. */
public record MarkPlayed(String name) implements InboundEvent {
}
