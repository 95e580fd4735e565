package io.firstbyte.app.booking.rules;

import java.time.LocalDate;

/** Days the whole business is closed, {@code from} to {@code to} inclusive (a holiday, a renovation). */
public record Closure(LocalDate from, LocalDate to, String reason) {

    public Closure {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a closure ends on or after its first day");
        }
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
