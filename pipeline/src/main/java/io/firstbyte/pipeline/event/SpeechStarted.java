package io.firstbyte.pipeline.event;

/** The caller started speaking, at {@code atMillis} on the caller-audio clock. */
public record SpeechStarted(long atMillis) implements SpeechEvent {
}
