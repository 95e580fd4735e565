package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a booking tool answered, as far as the dialogue needs it. */
sealed interface ToolOutcome {

    /** The tool failed or answered something unreadable. */
    record Failed() implements ToolOutcome {
    }

    /** Free slots (of one day for check_availability, the next ones for find_next_available). */
    record Availability(@Nullable LocalDate date, List<Slot> slots) implements ToolOutcome {
        public Availability {
            slots = List.copyOf(slots);
        }
    }

    record Booked(String bookingId, @Nullable Slot slot, @Nullable String service) implements ToolOutcome {
    }

    /** The slot was taken meanwhile; the calendar offers these instead. */
    record Conflict(List<Slot> alternatives) implements ToolOutcome {
        public Conflict {
            alternatives = List.copyOf(alternatives);
        }
    }

    record Cancelled(String bookingId) implements ToolOutcome {
    }
}
