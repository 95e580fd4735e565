package io.firstbyte.app.booking.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * When the business itself is open: its hours per weekday (local wall-clock time) and the days it is
 * closed. A business that set no hours is open whenever its staff work; one that did is closed on
 * the weekdays it left out. Staff hours are clipped to the business's, and nobody works on a closure.
 */
public record BusinessCalendar(Map<DayOfWeek, List<TimeRange>> hours, List<Closure> closures) {

    public static final BusinessCalendar NONE = new BusinessCalendar(Map.of(), List.of());

    public BusinessCalendar {
        hours = Map.copyOf(hours);
        closures = closures.stream().sorted(Comparator.comparing(Closure::from)).toList();
    }

    public boolean hasHours() {
        return !hours.isEmpty();
    }

    public List<TimeRange> hoursOn(DayOfWeek day) {
        return hours.getOrDefault(day, List.of());
    }

    public boolean closedOn(LocalDate day) {
        return closures.stream().anyMatch(closure -> closure.covers(day));
    }

    /** The closures that end on or after {@code today}, first ones first, at most {@code max}. */
    public List<Closure> upcoming(LocalDate today, int max) {
        return closures.stream().filter(closure -> !closure.to().isBefore(today)).limit(max).toList();
    }

    /** The parts of {@code windows} (a staff member's, on {@code day}) during which the business is open. */
    public List<TimeRange> clip(LocalDate day, List<TimeRange> windows) {
        if (closedOn(day)) {
            return List.of();
        }
        if (!hasHours()) {
            return windows;
        }
        List<TimeRange> open = new ArrayList<>();
        for (TimeRange window : windows) {
            for (TimeRange business : hoursOn(day.getDayOfWeek())) {
                LocalTime start = later(window.start(), business.start());
                LocalTime end = earlier(window.end(), business.end());
                if (start.isBefore(end)) {
                    open.add(new TimeRange(start, end));
                }
            }
        }
        open.sort(Comparator.comparing(TimeRange::start));
        return open;
    }

    private static LocalTime later(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalTime earlier(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }
}
