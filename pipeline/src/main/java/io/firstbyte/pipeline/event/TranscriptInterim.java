package io.firstbyte.pipeline.event;

/** A provisional transcript of the utterance in progress; later ones replace it. */
public record TranscriptInterim(String text) implements SpeechEvent {
}
