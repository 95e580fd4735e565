package io.firstbyte.adapters.sim.dialogue;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the day and the time of day a caller asked for, relative to the salon's today. Input is lower case. */
final class WhenParser {

    private static final String MONTHS =
            "january|february|march|april|may|june|july|august|september|october|november|december";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern WEEKDAY =
            Pattern.compile("\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\\b");
    private static final Pattern ORDINAL = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)\\b(?:\\s+of\\s+(" + MONTHS + "))?"
                    + "|\\b(" + MONTHS + ")\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b");
    private static final Pattern CLOCK_WITH_MERIDIEM =
            Pattern.compile("\\b(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?\\s?m\\b");
    private static final Pattern CLOCK = Pattern.compile("\\b(\\d{1,2}):(\\d{2})\\b");
    private static final Pattern AT_HOUR = Pattern.compile("\\bat\\s+(\\d{1,2})\\b(?![:\\d]|st|nd|rd|th)");
    private static final Pattern NOON = Pattern.compile("\\b(noon|midday)\\b");

    private WhenParser() {
    }

    static Optional<LocalDate> date(String lower, LocalDate today) {
        Matcher iso = ISO_DATE.matcher(lower);
        if (iso.find()) {
            return dateOf(number(iso.group(1)), number(iso.group(2)), number(iso.group(3)));
        }
        if (lower.contains("day after tomorrow")) {
            return Optional.of(today.plusDays(2));
        }
        if (lower.contains("tomorrow")) {
            return Optional.of(today.plusDays(1));
        }
        if (lower.matches(".*\\b(today|this (morning|afternoon|evening)|tonight)\\b.*")) {
            return Optional.of(today);
        }
        Matcher weekday = WEEKDAY.matcher(lower);
        if (weekday.find()) {
            DayOfWeek day = DayOfWeek.valueOf(weekday.group(1).toUpperCase(Locale.ROOT));
            return Optional.of(today.with(TemporalAdjusters.next(day)));
        }
        Matcher ordinal = ORDINAL.matcher(lower);
        return ordinal.find() ? dayOfMonth(ordinal, today) : Optional.empty();
    }

    static Optional<LocalTime> time(String lower) {
        Matcher meridiem = CLOCK_WITH_MERIDIEM.matcher(lower);
        if (meridiem.find()) {
            int hour = Integer.parseInt(meridiem.group(1)) % 12 + (meridiem.group(3).equals("p") ? 12 : 0);
            return timeOf(hour, meridiem.group(2) == null ? 0 : Integer.parseInt(meridiem.group(2)));
        }
        if (NOON.matcher(lower).find()) {
            return Optional.of(LocalTime.NOON);
        }
        Matcher clock = CLOCK.matcher(lower);
        if (clock.find()) {
            return timeOf(businessHour(Integer.parseInt(clock.group(1))), Integer.parseInt(clock.group(2)));
        }
        Matcher atHour = AT_HOUR.matcher(lower);
        return atHour.find() ? timeOf(businessHour(Integer.parseInt(atHour.group(1))), 0) : Optional.empty();
    }

    /** "At 3" in a salon means 3 pm: hours 1 to 7 without am/pm are taken as afternoon hours. */
    private static int businessHour(int hour) {
        return hour >= 1 && hour <= 7 ? hour + 12 : hour;
    }

    private static Optional<LocalDate> dayOfMonth(Matcher ordinal, LocalDate today) {
        String monthName = ordinal.group(2) != null ? ordinal.group(2) : ordinal.group(3);
        int day = Integer.parseInt(ordinal.group(1) != null ? ordinal.group(1) : ordinal.group(4));
        if (monthName != null) {
            Month month = Month.valueOf(monthName.toUpperCase(Locale.ROOT));
            Optional<LocalDate> thisYear = dateOf(today.getYear(), month.getValue(), day);
            return thisYear.isPresent() && thisYear.get().isBefore(today)
                    ? dateOf(today.getYear() + 1, month.getValue(), day) : thisYear;
        }
        for (int monthsAhead = 0; monthsAhead < 3; monthsAhead++) {
            LocalDate month = today.withDayOfMonth(1).plusMonths(monthsAhead);
            Optional<LocalDate> candidate = dateOf(month.getYear(), month.getMonthValue(), day);
            if (candidate.isPresent() && !candidate.get().isBefore(today)) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> dateOf(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException invalid) {
            return Optional.empty();
        }
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static Optional<LocalTime> timeOf(int hour, int minute) {
        return hour <= 23 && minute <= 59 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }
}
