package io.firstbyte.app.booking.rules;

import java.time.Instant;

/** A half-open span of time {@code [from, until)}. */
public record Interval(Instant from, Instant until) {

    public boolean overlaps(Interval other) {
        return from.isBefore(other.until) && other.from.isBefore(until);
    }

    public boolean within(Interval outer) {
        return !from.isBefore(outer.from) && !until.isAfter(outer.until);
    }
}
