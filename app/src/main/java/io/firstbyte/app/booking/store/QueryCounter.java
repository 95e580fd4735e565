package io.firstbyte.app.booking.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the statements the booking store sends to PostgreSQL, by kind (exported as a metric, checked by tests). */
public final class QueryCounter {

    /** What a statement is for. */
    public enum Kind { TENANT, CATALOG, VERSIONS, AVAILABILITY, BOOKING_WRITE, BOOKING_READ }

    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);

    public QueryCounter() {
        for (Kind kind : Kind.values()) {
            counts.put(kind, new AtomicLong());
        }
    }

    public void count(Kind kind) {
        counts.get(kind).incrementAndGet();
    }

    public long get(Kind kind) {
        return counts.get(kind).get();
    }
}
