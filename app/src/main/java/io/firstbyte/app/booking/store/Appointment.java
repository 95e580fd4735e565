package io.firstbyte.app.booking.store;

import java.time.Instant;
import java.util.UUID;

/** A stored appointment (the customer's phone number is write-only here: it is never read back into memory). */
public record Appointment(UUID id, UUID staffId, UUID serviceId, String customerName, Instant start, Instant end,
                          Instant blockedFrom, Instant blockedUntil, String status) {

    public boolean confirmed() {
        return "confirmed".equals(status);
    }
}
