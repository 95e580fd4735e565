package io.firstbyte.app.booking.store;

import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;

/** Reads the SQLSTATE out of whatever wrapped the driver's exception. */
public final class SqlStates {

    /** exclusion_violation: the staff member is already booked for an overlapping time. */
    public static final String EXCLUSION_VIOLATION = "23P01";
    /** unique_violation: here, the same idempotency key used twice at once. */
    public static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    public static @Nullable String of(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    public static boolean is(Throwable error, String state) {
        return state.equals(of(error));
    }

    /** Integrity outcomes (23xxx) are answers, not failures of the database. */
    public static boolean isIntegrity(Throwable error) {
        String state = of(error);
        return state != null && state.startsWith("23");
    }
}
