package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/** What the caller has asked for so far, gathered across their messages; later answers win. */
record Draft(@Nullable Intent intent, @Nullable String service, @Nullable String staff, @Nullable LocalDate date,
             @Nullable LocalTime time, @Nullable String name, @Nullable String bookingId) {

    static final Draft EMPTY = new Draft(null, null, null, null, null, null, null);

    Draft merge(Heard heard) {
        return new Draft(or(heard.intent(), intent), or(heard.service(), service), or(heard.staff(), staff),
                or(heard.date(), date), or(heard.time(), time), or(heard.name(), name), or(heard.bookingId(), bookingId));
    }

    /** The caller accepted an offered slot. */
    Draft accept(Slot offer) {
        return new Draft(Intent.BOOK, service, or(offer.staff(), staff), offer.start().toLocalDate(),
                offer.start().toLocalTime(), name, bookingId);
    }

    /** A finished booking or cancellation: start afresh, still knowing who is calling. */
    Draft done() {
        return new Draft(null, null, null, null, null, name, null);
    }

    /** What to do next: a named time means booking, and booking facts without an intent mean booking too. */
    @Nullable Intent goal() {
        if (intent == Intent.CANCEL) {
            return intent;
        }
        if (time != null || (intent == null && (service != null || date != null))) {
            return Intent.BOOK;
        }
        return intent;
    }

    @Nullable LocalDateTime start() {
        return date == null || time == null ? null : date.atTime(time);
    }

    private static <T> @Nullable T or(@Nullable T preferred, @Nullable T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
