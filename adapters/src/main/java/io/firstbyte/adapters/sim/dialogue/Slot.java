package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/** A bookable start time, with the staff member when the calendar named one. */
record Slot(LocalDateTime start, @Nullable String staff) {
}
