package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the booking tools' JSON answers leniently: anything unexpected counts as a failure, never an exception. */
final class ToolOutcomes {

    private static final Set<String> CANCELLED = Set.of("cancelled", "canceled", "ok", "success");

    private ToolOutcomes() {
    }

    static ToolOutcome read(String tool, String content) {
        JsonNode node;
        try {
            node = JsonMapper.shared().readTree(content);
        } catch (JacksonException unreadable) {
            return new ToolOutcome.Failed();
        }
        if (node == null || !node.isObject() || node.has("error")) {
            return new ToolOutcome.Failed();
        }
        return switch (tool) {
            case Toolbox.CHECK_AVAILABILITY, Toolbox.FIND_NEXT_AVAILABLE -> availability(node);
            case Toolbox.CREATE_BOOKING -> booking(node);
            case Toolbox.CANCEL_BOOKING -> cancellation(node);
            default -> new ToolOutcome.Failed();
        };
    }

    private static ToolOutcome availability(JsonNode node) {
        List<Slot> slots = new ArrayList<>(slots(node.path("slots")));
        for (String single : List.of("slot", "next", "next_available")) {
            slot(node.path(single)).ifPresent(slots::add);
        }
        slot(node).ifPresent(slots::add);
        LocalDate date = parseDate(text(node.path("date")));
        if (date == null && !slots.isEmpty()) {
            date = slots.getFirst().start().toLocalDate();
        }
        return new ToolOutcome.Availability(date, slots);
    }

    private static ToolOutcome booking(JsonNode node) {
        return switch (status(node)) {
            case "confirmed", "booked" -> new ToolOutcome.Booked(orEmpty(text(node.path("booking_id"))),
                    slot(node).orElse(null), text(node.path("service")));
            case "conflict" -> new ToolOutcome.Conflict(slots(node.path("alternatives")));
            default -> new ToolOutcome.Failed();
        };
    }

    private static ToolOutcome cancellation(JsonNode node) {
        String status = status(node);
        return status.isEmpty() || CANCELLED.contains(status)
                ? new ToolOutcome.Cancelled(orEmpty(text(node.path("booking_id")))) : new ToolOutcome.Failed();
    }

    private static List<Slot> slots(JsonNode array) {
        List<Slot> slots = new ArrayList<>();
        if (array.isArray()) {
            array.values().forEach(element -> slot(element).ifPresent(slots::add));
        }
        return slots;
    }

    private static Optional<Slot> slot(JsonNode node) {
        LocalDateTime start = parseDateTime(text(node.path("start")));
        JsonNode staff = node.path("staff");
        String staffName = staff.isObject() ? text(staff.path("name")) : text(staff);
        return start == null ? Optional.empty() : Optional.of(new Slot(start, staffName));
    }

    private static String status(JsonNode node) {
        return orEmpty(text(node.path("status"))).toLowerCase(Locale.ROOT);
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() || node.isNumber() ? node.asString() : null;
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static @Nullable LocalDate parseDate(@Nullable String text) {
        try {
            return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Tenant-local "2026-11-24T10:30"; with an offset, its local part is the salon's wall time. */
    private static @Nullable LocalDateTime parseDateTime(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text);
        } catch (DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(text).toLocalDateTime();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
