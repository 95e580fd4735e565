package io.firstbyte.pipeline.event;

/** The caller finished a turn: what they said and when their speech ended (caller-audio clock). */
public record TurnEnded(String transcript, long speechEndMillis) implements SpeechEvent {
}
