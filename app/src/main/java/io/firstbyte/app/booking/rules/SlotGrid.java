package io.firstbyte.app.booking.rules;

import java.time.LocalTime;

/**
 * The wall-clock times a tenant's bookings start at: every {@code minutes} from midnight, as
 * {@link DayPlanner} offers them. A start off the grid is refused with a sentence naming the grid
 * and the two nearest times on it.
 */
public record SlotGrid(int minutes) {

    private static final int DAY = 24 * 60;

    public SlotGrid {
        if (minutes <= 0) {
            throw new IllegalArgumentException("slot minutes must be positive");
        }
    }

    public boolean contains(LocalTime time) {
        return time.getSecond() == 0 && time.getNano() == 0 && minuteOfDay(time) % minutes == 0;
    }

    /** For example "bookings start on the hour and every 15 minutes: the nearest are 10:00 and 10:15". */
    public String refusal(LocalTime time) {
        int before = minuteOfDay(time) / minutes * minutes;
        int after = before + minutes;
        return "bookings start " + describe() + ": the nearest are " + clock(before) + " and " + clock(after % DAY);
    }

    String describe() {
        if (minutes == 60) {
            return "on the hour";
        }
        if (60 % minutes == 0) {
            return "on the hour and every " + minutes + " minutes";
        }
        if (minutes % 60 == 0) {
            return "every " + minutes / 60 + " hours from midnight";
        }
        return "every " + minutes + " minutes from midnight";
    }

    private static int minuteOfDay(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static String clock(int minuteOfDay) {
        return LocalTime.of(minuteOfDay / 60, minuteOfDay % 60).toString();
    }
}
