package io.firstbyte.app.booking.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What is already taken in a window: each staff member's blocked intervals and days off. */
public record BusyTimes(Map<UUID, List<Interval>> blocked, Map<UUID, Set<LocalDate>> daysOff) {

    public static final BusyTimes NONE = new BusyTimes(Map.of(), Map.of());

    public List<Interval> blockedFor(UUID staffId) {
        return blocked.getOrDefault(staffId, List.of());
    }

    public boolean isOff(UUID staffId, LocalDate day) {
        return daysOff.getOrDefault(staffId, Set.of()).contains(day);
    }
}
