package io.firstbyte.app.booking;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day a caller names, in the words callers use: "today", "tomorrow", "the day after tomorrow", a
 * weekday ("Friday": the next one after today) or a day of the month ("the 3rd": this month's, or next
 * month's once it has passed). A guess good enough to warm a cache, not to book.
 */
final class SpokenDay {

    private static final Pattern ORDINAL = Pattern.compile("\\b([1-9]|[12][0-9]|3[01])(st|nd|rd|th)\\b");
    private static final Pattern WEEKDAY = Pattern.compile("\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b");

    private SpokenDay() {
    }

    static Optional<LocalDate> in(String transcript, LocalDate today) {
        String text = transcript.toLowerCase(Locale.ROOT);
        if (text.contains("day after tomorrow")) {
            return Optional.of(today.plusDays(2));
        }
        if (text.contains("tomorrow")) {
            return Optional.of(today.plusDays(1));
        }
        Matcher weekday = WEEKDAY.matcher(text);
        if (weekday.find()) {
            DayOfWeek day = DayOfWeek.valueOf(weekday.group(1).toUpperCase(Locale.ROOT));
            return Optional.of(today.with(TemporalAdjusters.next(day)));
        }
        Matcher ordinal = ORDINAL.matcher(text);
        if (ordinal.find()) {
            return dayOfMonth(Integer.parseInt(ordinal.group(1)), today);
        }
        return text.contains("today") ? Optional.of(today) : Optional.empty();
    }

    private static Optional<LocalDate> dayOfMonth(int day, LocalDate today) {
        try {
            LocalDate thisMonth = today.withDayOfMonth(day);
            return Optional.of(thisMonth.isBefore(today) ? today.plusMonths(1).withDayOfMonth(day) : thisMonth);
        } catch (DateTimeException noSuchDay) {
            return Optional.empty();
        }
    }
}
