package io.firstbyte.app.booking.rules;

import java.time.Instant;
import java.util.UUID;

/** A free start time with the staff member who is free then. */
public record Slot(Instant start, UUID staffId) {
}
