package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How the receptionist says days, times, services and short lists. */
final class Spoken {

    private Spoken() {
    }

    /** "10 am", "10:30 am", "noon", "3:30 pm". */
    static String time(LocalTime time) {
        if (time.equals(LocalTime.NOON)) {
            return "noon";
        }
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        String minutes = time.getMinute() == 0 ? "" : String.format(Locale.ROOT, ":%02d", time.getMinute());
        return hour + minutes + (time.getHour() < 12 ? " am" : " pm");
    }

    /** "today", "tomorrow", "on Friday" within the week, "on Wednesday, November 25" beyond. */
    static String day(LocalDate date, LocalDate today) {
        long ahead = ChronoUnit.DAYS.between(today, date);
        if (ahead == 0) {
            return "today";
        }
        if (ahead == 1) {
            return "tomorrow";
        }
        String weekday = date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        String month = date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return ahead > 1 && ahead < 7 ? "on " + weekday : "on " + weekday + ", " + month + " " + date.getDayOfMonth();
    }

    /** "a haircut", "a colour appointment". */
    static String service(String service) {
        return service.equals("Colour") ? "a colour appointment" : "a " + service.toLowerCase(Locale.ROOT);
    }

    /** "9 am, 10:30 am or 2 pm with Anna", naming the staff per time when they differ. */
    static String times(List<Slot> slots) {
        boolean oneStaff = slots.stream().map(Slot::staff).distinct().count() == 1;
        List<String> spoken = new ArrayList<>();
        for (Slot slot : slots) {
            spoken.add(time(slot.start().toLocalTime()) + (oneStaff ? "" : with(slot.staff())));
        }
        return list(spoken, "or") + (oneStaff ? with(slots.getFirst().staff()) : "");
    }

    /** "tomorrow at 10:30 am with Anna". */
    static String slot(Slot slot, LocalDate today) {
        return day(slot.start().toLocalDate(), today) + " at " + time(slot.start().toLocalTime()) + with(slot.staff());
    }

    static String with(@Nullable String staff) {
        return staff == null || staff.isBlank() ? "" : " with " + staff;
    }

    static String list(List<String> items, String conjunction) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " " + items.getLast();
    }

    static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    static boolean sameStaff(@Nullable String wanted, @Nullable String offered) {
        return wanted == null || offered == null || wanted.equalsIgnoreCase(offered);
    }
}
