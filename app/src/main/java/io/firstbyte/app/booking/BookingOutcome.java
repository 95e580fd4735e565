package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.Appointment;
import java.util.List;

/** What a booking change came to. */
public sealed interface BookingOutcome {

    TenantCatalog catalog();

    /** Booked (or, for a repeated idempotency key, already booked). */
    record Confirmed(TenantCatalog catalog, Appointment appointment) implements BookingOutcome {
    }

    /** The time was taken (or the staff member does not work then); these are the nearest free ones. */
    record Conflict(TenantCatalog catalog, List<Slot> alternatives) implements BookingOutcome {
    }

    record Cancelled(TenantCatalog catalog, Appointment appointment) implements BookingOutcome {
    }

    record Rescheduled(TenantCatalog catalog, Appointment appointment) implements BookingOutcome {
    }
}
