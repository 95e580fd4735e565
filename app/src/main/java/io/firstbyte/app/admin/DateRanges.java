package io.firstbyte.app.admin;

import io.firstbyte.app.booking.rules.Closure;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Date ranges as JSON, for closures and time off: {@code [{"from": "2026-12-24", "to": "2026-12-26",
 * "reason": "Christmas"}]}, {@code to} defaulting to {@code from}, at most {@code maxDays} days each,
 * none overlapping another.
 */
final class DateRanges {

    private DateRanges() {
    }

    static List<Closure> read(Fields fields, String name, int maxRanges, int maxDays) {
        List<Closure> ranges = new ArrayList<>();
        String where = fields.where() + name;
        for (JsonNode item : fields.array(name, maxRanges)) {
            Fields range = fields.nested(item, where + "[]", Set.of("from", "to", "reason"));
            if (range == null) {
                continue;
            }
            LocalDate from = date(range, "from", true, where);
            LocalDate to = range.has("to") && !range.isNull("to") ? date(range, "to", true, where) : from;
            String reason = range.text("reason", false, 200);
            if (from == null || to == null) {
                continue;
            }
            if (to.isBefore(from)) {
                fields.problem(where + ": " + from + " to " + to + " ends before it starts");
            } else if (ChronoUnit.DAYS.between(from, to) >= maxDays) {
                fields.problem(where + ": " + from + " to " + to + " is longer than " + maxDays + " days");
            } else {
                ranges.add(new Closure(from, to, reason == null ? "" : reason));
            }
        }
        ranges.sort(Comparator.comparing(Closure::from));
        for (int i = 1; i < ranges.size(); i++) {
            if (!ranges.get(i).from().isAfter(ranges.get(i - 1).to())) {
                fields.problem(where + ": " + ranges.get(i - 1).from() + " and " + ranges.get(i).from() + " overlap");
            }
        }
        return ranges;
    }

    static ArrayNode write(List<Closure> ranges) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        ranges.forEach(range -> json.addObject().put("from", range.from().toString()).put("to", range.to().toString())
                .put("reason", range.reason()));
        return json;
    }

    /** Consecutive days with one reason, as ranges (time off is stored day by day). */
    static List<Closure> ofDays(List<Closure> days) {
        List<Closure> ranges = new ArrayList<>();
        days.stream().sorted(Comparator.comparing(Closure::from)).forEach(day -> {
            Closure last = ranges.isEmpty() ? null : ranges.getLast();
            if (last != null && last.to().plusDays(1).equals(day.from()) && last.reason().equals(day.reason())) {
                ranges.set(ranges.size() - 1, new Closure(last.from(), day.to(), last.reason()));
            } else {
                ranges.add(day);
            }
        });
        return ranges;
    }

    static @Nullable LocalDate date(Fields fields, String name, boolean required, String where) {
        String text = fields.text(name, required, 10);
        if (text == null) {
            return null;
        }
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            fields.problem(where + "[]." + name + " must be a date as YYYY-MM-DD");
            return null;
        }
    }
}
