package io.firstbyte.adapters.sim.dialogue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One day's free slots for a service, as check_availability reported them in this conversation. */
record KnownDay(String service, @Nullable String staff, LocalDate date, List<Slot> slots) {

    KnownDay {
        slots = List.copyOf(slots);
    }

    /** The slots {@code wanted} staff can take (all of them when no one is wanted). */
    List<Slot> slotsFor(@Nullable String wanted) {
        return slots.stream().filter(slot -> Spoken.sameStaff(wanted, slot.staff())).toList();
    }

    Optional<Slot> free(LocalDateTime start, @Nullable String wanted) {
        return slotsFor(wanted).stream().filter(slot -> slot.start().equals(start)).findFirst();
    }

    /** Up to {@code count} distinct times, the ones nearest {@code around} first (or the earliest), in time order. */
    static List<Slot> choices(List<Slot> slots, @Nullable LocalDateTime around, int count) {
        Map<LocalDateTime, Slot> distinct = new LinkedHashMap<>();
        slots.stream().sorted(Comparator.comparing(Slot::start)).forEach(slot -> distinct.putIfAbsent(slot.start(), slot));
        Comparator<Slot> preference = around == null ? Comparator.comparing(Slot::start)
                : Comparator.comparing(slot -> Duration.between(around, slot.start()).abs());
        return distinct.values().stream().sorted(preference).limit(count)
                .sorted(Comparator.comparing(Slot::start)).toList();
    }
}
