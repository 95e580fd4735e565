package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.OffLoopLog;
import io.firstbyte.pipeline.tool.ToolException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure of a booking operation into a {@link ToolException} whose message is safe to
 * read to a caller: honest about what happened, with no stack trace, SQL or personal data.
 */
public final class BookingFailures {

    private static final Logger log = LoggerFactory.getLogger(BookingFailures.class);

    /** What kind of failure, for HTTP status codes. */
    public enum Kind { INVALID, NOT_FOUND, RATE_LIMITED, UNAVAILABLE, KEY_REUSED, KEY_IN_PROGRESS }

    /** A ToolException that also says which kind of failure it was. */
    public static final class Classified extends ToolException {
        private final Kind kind;

        public Classified(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private BookingFailures() {
    }

    public static ToolException invalid(String message) {
        return new Classified(Kind.INVALID, message);
    }

    public static ToolException notFound(String message) {
        return new Classified(Kind.NOT_FOUND, message);
    }

    /** The same answer whether the booking does not exist or belongs to someone the requester may not see. */
    public static ToolException noSuchBooking() {
        return notFound("there is no confirmed booking with that id");
    }

    public static ToolException keyReused(String key) {
        return new Classified(Kind.KEY_REUSED, "idempotency key " + key + " was already used for a different request; "
                + "a new request needs a new key");
    }

    public static ToolException keyInProgress(String key) {
        return new Classified(Kind.KEY_IN_PROGRESS, "the request with idempotency key " + key
                + " is still being processed; try again in a moment");
    }

    public static Throwable translate(String operation, boolean writes, Throwable error) {
        if (error instanceof ToolException) {
            return error;
        }
        if (error instanceof AvailabilityService.UnavailableDays) {
            return new Classified(Kind.UNAVAILABLE, "the booking system is not reachable right now, so availability could not be checked");
        }
        if (error instanceof RequestNotPermitted) {
            return new Classified(Kind.RATE_LIMITED, "too many booking requests for this business right now; try again in a moment");
        }
        if (error instanceof CallNotPermittedException || error instanceof TimeoutException) {
            OffLoopLog.warn(log, "{}: booking database unavailable ({})", operation, error.getClass().getSimpleName());
        } else {
            OffLoopLog.warn(log, "{}: booking database failed: {}", operation, error.getClass().getName());
        }
        return new Classified(Kind.UNAVAILABLE, writes
                ? "the booking system is not reachable right now, so the appointment could not be confirmed"
                : "the booking system is not reachable right now, so availability could not be checked");
    }
}
