package io.firstbyte.app.booking.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Availability for one day: each staff member's working hours minus breaks and days off, within the
 * business's own hours and never on a day it is closed ({@link BusinessCalendar}), minus busy
 * times, on the tenant's slot grid. Wall-clock times become instants through the tenant's zone, so
 * a day with a DST change has the right length and a start in the skipped hour moves forward.
 * The blocked range (the service widened by its buffers) must fit inside one working window.
 */
public final class DayPlanner {

    private DayPlanner() {
    }

    public static List<Slot> freeSlots(TenantCatalog catalog, ServiceInfo service, LocalDate day, BusyTimes busy) {
        ZoneId zone = catalog.tenant().zone();
        int step = catalog.tenant().slotMinutes();
        List<Slot> slots = new ArrayList<>();
        for (StaffInfo staff : catalog.staff()) {
            if (!staff.offers(service)) {
                continue;
            }
            for (TimeRange window : windows(catalog, staff, day, busy)) {
                Interval open = interval(day, window, zone);
                int first = ceilToGrid(minutes(window.start()), step);
                for (int m = first; m < minutes(window.end()); m += step) {
                    LocalTime local = LocalTime.of(m / 60, m % 60);
                    ZonedDateTime zoned = ZonedDateTime.of(day, local, zone);
                    if (!zoned.toLocalTime().equals(local)) {
                        continue; // skipped by a DST change: that wall-clock time does not exist today
                    }
                    Instant start = zoned.toInstant();
                    Interval blocked = blockedRange(service, start);
                    if (blocked.within(open) && free(blocked, busy.blockedFor(staff.id()))) {
                        slots.add(new Slot(start, staff.id()));
                    }
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    /** Whether {@code staff} works at {@code start} for the whole blocked range of {@code service}. */
    public static boolean fitsWorkingHours(TenantCatalog catalog, StaffInfo staff, ServiceInfo service, Instant start,
                                           BusyTimes daysOff) {
        ZoneId zone = catalog.tenant().zone();
        LocalDate day = start.atZone(zone).toLocalDate();
        Interval blocked = blockedRange(service, start);
        return staff.offers(service) && windows(catalog, staff, day, daysOff).stream()
                .anyMatch(window -> blocked.within(interval(day, window, zone)));
    }

    public static Interval blockedRange(ServiceInfo service, Instant start) {
        return new Interval(start.minus(service.bufferBefore()), start.plus(service.duration()).plus(service.bufferAfter()));
    }

    /** Working hours minus breaks, within the business's hours, as wall-clock windows; none on a day off or closure. */
    static List<TimeRange> windows(TenantCatalog catalog, StaffInfo staff, LocalDate day, BusyTimes busy) {
        if (busy.isOff(staff.id(), day) || catalog.calendar().closedOn(day)) {
            return List.of();
        }
        List<TimeRange> open = new ArrayList<>(staff.hoursOn(day.getDayOfWeek()));
        for (TimeRange pause : staff.breaksOn(day.getDayOfWeek())) {
            List<TimeRange> next = new ArrayList<>();
            for (TimeRange range : open) {
                next.addAll(subtract(range, pause));
            }
            open = next;
        }
        return catalog.calendar().clip(day, open);
    }

    private static List<TimeRange> subtract(TimeRange range, TimeRange pause) {
        if (!pause.start().isBefore(range.end()) || !range.start().isBefore(pause.end())) {
            return List.of(range);
        }
        List<TimeRange> left = new ArrayList<>(2);
        if (range.start().isBefore(pause.start())) {
            left.add(new TimeRange(range.start(), pause.start()));
        }
        if (pause.end().isBefore(range.end())) {
            left.add(new TimeRange(pause.end(), range.end()));
        }
        return left;
    }

    private static boolean free(Interval blocked, List<Interval> taken) {
        for (Interval busy : taken) {
            if (busy.overlaps(blocked)) {
                return false;
            }
        }
        return true;
    }

    private static Interval interval(LocalDate day, TimeRange range, ZoneId zone) {
        return new Interval(ZonedDateTime.of(day, range.start(), zone).toInstant(),
                ZonedDateTime.of(day, range.end(), zone).toInstant());
    }

    private static int minutes(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static int ceilToGrid(int minute, int step) {
        return ((minute + step - 1) / step) * step;
    }
}
