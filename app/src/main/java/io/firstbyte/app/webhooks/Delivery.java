package io.firstbyte.app.webhooks;

import java.util.UUID;

/** One due outbox row: the event's id, its business, its type, the exact body to send, and how often it was tried. */
public record Delivery(UUID id, UUID tenant, String event, String payload, int attempts) {
}
