package io.firstbyte.app.agent;

import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.rules.TimeRange;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A business's opening hours per weekday, in local wall-clock time: its own when it set them, else
 * derived from the staff: the business is open whenever anyone works, and a weekday on which nobody
 * works is closed.
 */
public record OpeningHours(Map<DayOfWeek, List<TimeRange>> week) {

    public OpeningHours {
        week = Map.copyOf(week);
    }

    public static OpeningHours of(TenantCatalog catalog) {
        return catalog.calendar().hasHours() ? new OpeningHours(catalog.calendar().hours()) : ofStaff(catalog.staff());
    }

    public static OpeningHours ofStaff(List<StaffInfo> staff) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> ranges = merged(staff.stream().flatMap(member -> member.hoursOn(day).stream()).toList());
            if (!ranges.isEmpty()) {
                week.put(day, ranges);
            }
        }
        return new OpeningHours(week);
    }

    /** The day's opening ranges, in order; empty when the business is closed that weekday. */
    public List<TimeRange> on(DayOfWeek day) {
        return week.getOrDefault(day, List.of());
    }

    private static List<TimeRange> merged(List<TimeRange> ranges) {
        List<TimeRange> sorted = ranges.stream().sorted(Comparator.comparing(TimeRange::start)).toList();
        List<TimeRange> merged = new ArrayList<>();
        for (TimeRange range : sorted) {
            TimeRange last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && !range.start().isAfter(last.end())) {
                LocalTime end = range.end().isAfter(last.end()) ? range.end() : last.end();
                merged.set(merged.size() - 1, new TimeRange(last.start(), end));
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }
}
