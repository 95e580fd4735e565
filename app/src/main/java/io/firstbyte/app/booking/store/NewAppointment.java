package io.firstbyte.app.booking.store;

import io.firstbyte.app.booking.rules.Interval;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a booking writes. */
public record NewAppointment(UUID staffId, UUID serviceId, String customerName, @Nullable String customerPhone,
                             Instant start, Instant end, Interval blocked) {
}
