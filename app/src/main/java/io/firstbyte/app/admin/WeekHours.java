package io.firstbyte.app.admin;

import io.firstbyte.app.booking.rules.TimeRange;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hours per weekday as JSON: {@code {"monday": [{"start": "09:00", "end": "12:30"}, ...], ...}}, local
 * wall-clock times, each range ending after it starts, ranges of one day not overlapping. A weekday
 * left out has none.
 */
final class WeekHours {

    static final Set<String> DAYS = Arrays.stream(DayOfWeek.values()).map(WeekHours::name).collect(Collectors.toSet());
    private static final int MAX_RANGES_PER_DAY = 6;

    private WeekHours() {
    }

    static Map<DayOfWeek, List<TimeRange>> read(Fields fields, String name) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        if (!fields.has(name) || fields.isNull(name)) {
            return week;
        }
        Fields days = fields.nested(fields.raw(name), fields.where() + name, DAYS);
        if (days == null) {
            return week;
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> ranges = new ArrayList<>();
            String where = fields.where() + name + "." + name(day);
            for (JsonNode item : days.array(name(day), MAX_RANGES_PER_DAY)) {
                Fields range = days.nested(item, where + "[]", Set.of("start", "end"));
                if (range == null) {
                    continue;
                }
                LocalTime start = time(range, "start", where);
                LocalTime end = time(range, "end", where);
                if (start != null && end != null) {
                    if (end.isAfter(start)) {
                        ranges.add(new TimeRange(start, end));
                    } else {
                        fields.problem(where + ": " + start + "-" + end + " must end after it starts");
                    }
                }
            }
            ranges.sort(Comparator.comparing(TimeRange::start));
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i).start().isBefore(ranges.get(i - 1).end())) {
                    fields.problem(where + ": ranges overlap");
                }
            }
            if (!ranges.isEmpty()) {
                week.put(day, List.copyOf(ranges));
            }
        }
        return week;
    }

    static ObjectNode write(Map<DayOfWeek, List<TimeRange>> week) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> ranges = week.getOrDefault(day, List.of());
            if (!ranges.isEmpty()) {
                var array = json.putArray(name(day));
                ranges.forEach(range -> array.addObject().put("start", range.start().toString())
                        .put("end", range.end().toString()));
            }
        }
        return json;
    }

    static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private static LocalTime time(Fields range, String name, String where) {
        String text = range.text(name, true, 5);
        if (text == null) {
            return null;
        }
        try {
            if (!text.matches("\\d{2}:\\d{2}")) {
                throw new DateTimeParseException("not HH:MM", text, 0);
            }
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            range.problem(where + "[]." + name + " must be a time as HH:MM");
            return null;
        }
    }
}
