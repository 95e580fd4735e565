package io.firstbyte.pipeline.event;

/** The caller stopped speaking; {@code atMillis} is the end of the last voiced frame. */
public record SpeechStopped(long atMillis) implements SpeechEvent {
}
