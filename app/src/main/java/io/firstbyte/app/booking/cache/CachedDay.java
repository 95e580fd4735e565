package io.firstbyte.app.booking.cache;

import io.firstbyte.app.booking.rules.Slot;
import java.util.List;

/** A day's free slots as computed at availability version {@code version}. */
public record CachedDay(long version, List<Slot> slots) {

    public CachedDay {
        slots = List.copyOf(slots);
    }
}
