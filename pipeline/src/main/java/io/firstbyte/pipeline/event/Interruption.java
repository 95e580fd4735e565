package io.firstbyte.pipeline.event;

/** The caller barged in: drop every queued agent audio frame now (Twilio {@code clear}). */
public record Interruption(long atMillis) implements OutboundEvent {
}
