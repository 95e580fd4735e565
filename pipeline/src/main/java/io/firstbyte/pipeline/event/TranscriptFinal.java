package io.firstbyte.pipeline.event;

/** A settled piece of transcript; the pieces of one turn are joined in order. */
public record TranscriptFinal(String text) implements SpeechEvent {
}
