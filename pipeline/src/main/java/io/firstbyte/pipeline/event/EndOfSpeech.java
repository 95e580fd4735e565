package io.firstbyte.pipeline.event;

/** The speech-to-text provider's own end-of-utterance signal. */
public record EndOfSpeech() implements SpeechEvent {
}
