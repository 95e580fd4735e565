package io.firstbyte.app.booking.cache;

import io.firstbyte.app.booking.rules.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A compact text form of a cached day: {@code version}, the staff ids, then {@code minute:staffIndex}
 * pairs (epoch minutes in base 36). Anything unreadable decodes to empty, which reads as a miss.
 */
public final class SlotCodec {

    private SlotCodec() {
    }

    public static String encode(CachedDay day) {
        Map<UUID, Integer> staff = new LinkedHashMap<>();
        StringBuilder slots = new StringBuilder(day.slots().size() * 8);
        for (Slot slot : day.slots()) {
            int index = staff.computeIfAbsent(slot.staffId(), id -> staff.size());
            slots.append(Long.toString(slot.start().getEpochSecond() / 60, 36)).append(':').append(index).append(' ');
        }
        StringBuilder out = new StringBuilder().append(day.version()).append('\n');
        staff.keySet().forEach(id -> out.append(id).append(','));
        return out.append('\n').append(slots.toString().strip()).toString();
    }

    public static Optional<CachedDay> decode(String text) {
        try {
            String[] lines = text.split("\n", -1);
            long version = Long.parseLong(lines[0]);
            List<UUID> staff = new ArrayList<>();
            for (String id : lines[1].split(",")) {
                if (!id.isEmpty()) {
                    staff.add(UUID.fromString(id));
                }
            }
            List<Slot> slots = new ArrayList<>();
            for (String pair : lines[2].split(" ")) {
                if (!pair.isEmpty()) {
                    int colon = pair.indexOf(':');
                    Instant start = Instant.ofEpochSecond(Long.parseLong(pair.substring(0, colon), 36) * 60);
                    slots.add(new Slot(start, staff.get(Integer.parseInt(pair.substring(colon + 1)))));
                }
            }
            return Optional.of(new CachedDay(version, slots));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
