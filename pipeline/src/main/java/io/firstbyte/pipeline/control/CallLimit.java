package io.firstbyte.pipeline.control;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A limit that ended a call: its end reason (for logs and metrics) and what the caller hears first, if anything. */
public enum CallLimit {

    /** Nothing arrived from the caller's side for the whole timeout: nobody is left to hear a goodbye. */
    INBOUND_SILENCE("inbound-silence", null),
    /** The call ran for its maximum length; the line is alive, so the caller is told before the hang-up. */
    MAX_DURATION("max-duration", "We've reached the maximum length for a call, so I'll have to say goodbye now."),
    /**
     * The server is shutting down and the call outlived its drain timeout; the caller is told, and
     * any instance behind the same number answers a call back.
     */
    DRAIN("drain", "I'm sorry, I have to end our call now for maintenance. Please call us back in a minute. Goodbye.");

    /**
     * How long a goodbye may take before the call ends anyway: the sentence lasts about four seconds,
     * and a voice that cannot say it must not keep the call open.
     */
    public static final Duration GOODBYE_GRACE = Duration.ofSeconds(15);

    private final String reason;
    private final @Nullable String goodbye;

    CallLimit(String reason, @Nullable String goodbye) {
        this.reason = reason;
        this.goodbye = goodbye;
    }

    public String reason() {
        return reason;
    }

    /** The sentence the caller hears before the hang-up; {@code null}: hang up at once. */
    public @Nullable String goodbye() {
        return goodbye;
    }

    /** When the call ends at the latest once the limit is reached. */
    public Duration hangUpAfter() {
        return goodbye == null ? Duration.ZERO : GOODBYE_GRACE;
    }

    /** The limit whose end reason this is, if any. */
    public static @Nullable CallLimit ofReason(String reason) {
        for (CallLimit limit : values()) {
            if (limit.reason.equals(reason)) {
                return limit;
            }
        }
        return null;
    }
}
