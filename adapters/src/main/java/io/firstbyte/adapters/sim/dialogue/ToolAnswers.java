package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.tool.ToolCall;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What the receptionist says once a booking tool has answered. */
final class ToolAnswers {

    static final String ANYTHING_ELSE = "Is there anything else I can help you with?";
    private static final int LONGEST_SPOKEN_REFERENCE = 12;

    private final LocalDate today;

    ToolAnswers(LocalDate today) {
        this.today = today;
    }

    String failed(String tool) {
        return switch (tool) {
            case Toolbox.CREATE_BOOKING ->
                    "I'm sorry, I couldn't make the booking just now. Could we try again in a moment?";
            case Toolbox.CANCEL_BOOKING -> "I'm sorry, I couldn't cancel that booking just now. "
                    + "Could you check the reference, or try again in a moment?";
            default -> "I'm sorry, I couldn't check the calendar just now. Could you try again in a moment?";
        };
    }

    String booked(ToolOutcome.Booked booked, ToolCall call) {
        String service = booked.service() != null ? booked.service() : argument(call, "service", "appointment");
        Slot slot = booked.slot() != null ? booked.slot() : slotOf(argument(call, "start", ""));
        String when = slot == null ? "" : " " + Spoken.slot(slot, today);
        return "You're all booked: " + Spoken.service(service) + when + "." + reference(booked.bookingId())
                + " " + ANYTHING_ELSE;
    }

    String conflict(ToolOutcome.Conflict conflict, ToolCall call) {
        Slot wanted = slotOf(argument(call, "start", ""));
        String taken = "I'm sorry, " + (wanted == null ? "that time" : Spoken.time(wanted.start().toLocalTime()))
                + " was just taken";
        if (conflict.alternatives().isEmpty()) {
            return taken + ", and I couldn't find another time. Would another day suit you?";
        }
        List<Slot> choices = KnownDay.choices(conflict.alternatives(), wanted == null ? null : wanted.start(), 3);
        return taken + ". I can offer " + alternatives(choices, wanted) + ". Which would you like?";
    }

    String cancelled(ToolOutcome.Cancelled cancelled, ToolCall call) {
        String id = cancelled.bookingId().isBlank() ? argument(call, "booking_id", "") : cancelled.bookingId();
        String spokenId = id.length() <= LONGEST_SPOKEN_REFERENCE ? id + " " : "";
        return "Done: your booking " + spokenId + "is cancelled. " + ANYTHING_ELSE;
    }

    String nextOpening(ToolOutcome.Availability found, ToolCall call) {
        String service = Spoken.service(argument(call, "service", "appointment"));
        if (found.slots().isEmpty()) {
            return "I'm sorry, I couldn't find a free time for " + service + " in the coming weeks.";
        }
        return "The next opening for " + service + " is " + Spoken.slot(found.slots().getFirst(), today)
                + ". Would you like me to book it?";
    }

    /** Times only when all are on the day the caller wanted, otherwise each with its day. */
    private String alternatives(List<Slot> choices, @Nullable Slot wanted) {
        boolean sameDay = wanted != null && choices.stream()
                .allMatch(choice -> choice.start().toLocalDate().equals(wanted.start().toLocalDate()));
        return sameDay ? Spoken.times(choices)
                : Spoken.list(choices.stream().map(choice -> Spoken.slot(choice, today)).toList(), "or");
    }

    private static String reference(String bookingId) {
        return bookingId.isBlank() || bookingId.length() > LONGEST_SPOKEN_REFERENCE ? ""
                : " Your booking reference is " + bookingId + ".";
    }

    private static String argument(ToolCall call, String name, String fallback) {
        return Objects.requireNonNullElse(Toolbox.text(Toolbox.arguments(call), name), fallback);
    }

    private static @Nullable Slot slotOf(String start) {
        try {
            return start.isEmpty() ? null : new Slot(LocalDateTime.parse(start), null);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
