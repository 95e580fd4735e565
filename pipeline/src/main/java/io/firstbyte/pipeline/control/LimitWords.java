package io.firstbyte.pipeline.control;

import io.firstbyte.pipeline.call.CallContext;
import org.jspecify.annotations.Nullable;

/**
 * What the caller hears when a limit ends the call, in the call's language, held in the call-context
 * attribute {@link #ATTRIBUTE}; a call without it hears {@link CallLimit#goodbye()}.
 *
 * @param maxDuration the goodbye when the call reached its maximum length
 * @param drain       the goodbye when the server shuts down and the call outlived the drain
 */
public record LimitWords(String maxDuration, String drain) {

    /** The call-context attribute holding a call's {@link LimitWords}. */
    public static final String ATTRIBUTE = "firstbyte.limitWords";

    public LimitWords {
        if (maxDuration.isBlank() || drain.isBlank()) {
            throw new IllegalArgumentException("a limit's goodbye must not be blank");
        }
    }

    /** The goodbye for {@code limit}; {@code null} for a limit that hangs up at once. */
    public @Nullable String goodbye(CallLimit limit) {
        return switch (limit) {
            case INBOUND_SILENCE -> null;
            case MAX_DURATION -> maxDuration;
            case DRAIN -> drain;
        };
    }

    /** The goodbye a call with {@code context}'s words hears when {@code limit} ends it. */
    public static @Nullable String goodbyeFor(CallLimit limit, CallContext context) {
        LimitWords words = context.attribute(ATTRIBUTE, LimitWords.class);
        String own = words == null ? null : words.goodbye(limit);
        return own != null ? own : limit.goodbye();
    }
}
