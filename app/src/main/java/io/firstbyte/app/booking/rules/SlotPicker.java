package io.firstbyte.app.booking.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Chooses the few slots worth saying aloud out of a day's many. */
public final class SlotPicker {

    /** A slot of another staff member counts as this much further away than one of the preferred staff. */
    private static final Duration OTHER_STAFF_PENALTY = Duration.ofHours(2);

    private SlotPicker() {
    }

    /** One slot per start time (the first staff member free then), at most {@code max}, spread evenly. */
    public static List<Slot> spread(List<Slot> slots, int max) {
        List<Slot> distinct = distinctStarts(slots);
        if (distinct.size() <= max) {
            return distinct;
        }
        List<Slot> picked = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            picked.add(distinct.get((int) Math.round(i * (distinct.size() - 1) / (double) (max - 1))));
        }
        return picked;
    }

    /** The {@code count} slots nearest to {@code around}, the preferred staff member's first, in time order. */
    public static List<Slot> nearest(List<Slot> slots, Instant around, int count, @Nullable UUID preferredStaff) {
        Comparator<Slot> byDistance = Comparator.comparing(slot -> distance(slot, around, preferredStaff));
        List<Slot> ranked = new ArrayList<>(slots);
        ranked.sort(byDistance);
        Map<Instant, Slot> chosen = new LinkedHashMap<>();
        for (Slot slot : ranked) {
            if (chosen.size() == count) {
                break;
            }
            chosen.putIfAbsent(slot.start(), slot);
        }
        return chosen.values().stream().sorted(Comparator.comparing(Slot::start)).toList();
    }

    /** The first {@code max} distinct start times. */
    public static List<Slot> earliest(List<Slot> slots, int max) {
        List<Slot> distinct = distinctStarts(slots);
        return distinct.subList(0, Math.min(max, distinct.size()));
    }

    private static Duration distance(Slot slot, Instant around, @Nullable UUID preferredStaff) {
        Duration gap = Duration.between(around, slot.start()).abs();
        return preferredStaff == null || preferredStaff.equals(slot.staffId()) ? gap : gap.plus(OTHER_STAFF_PENALTY);
    }

    private static List<Slot> distinctStarts(List<Slot> slots) {
        Map<Instant, Slot> byStart = new LinkedHashMap<>();
        slots.forEach(slot -> byStart.putIfAbsent(slot.start(), slot));
        return new ArrayList<>(byStart.values());
    }
}
