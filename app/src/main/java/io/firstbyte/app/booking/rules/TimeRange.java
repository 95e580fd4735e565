package io.firstbyte.app.booking.rules;

import java.time.LocalTime;

/** A wall-clock range within a day, {@code [start, end)}. */
public record TimeRange(LocalTime start, LocalTime end) {

    public TimeRange {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a range must end after it starts");
        }
    }
}
