package io.firstbyte.adapters.http;

/** One server-sent event: its {@code event} name ("message" when unnamed) and its data lines joined with newlines. */
public record SseEvent(String event, String data) {
}
