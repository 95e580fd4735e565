package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/** What one caller message said about the booking; null where it said nothing. */
record Heard(@Nullable Intent intent, @Nullable String service, @Nullable String staff, @Nullable LocalDate date,
             @Nullable LocalTime time, @Nullable String name, @Nullable String bookingId, boolean goodbye,
             boolean yes) {
}
