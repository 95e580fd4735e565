package io.firstbyte.app.config;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers are handed over, bound from {@code firstbyte.handover}; every field has a default.
 *
 * @param twilioTransfer    {@code action-url} (default): the stream closes and {@code <Connect>}'s action URL answers
 *                          {@code <Dial>}; {@code rest}: the live call is first updated through Twilio's REST API with
 *                          {@code <Dial>} (needs {@code twilioAccountSid} and the auth token), the action URL staying the
 *                          fallback when that update fails
 * @param twilioAccountSid  the account the calls belong to ({@code AC…})
 * @param twilioApiUrl      Twilio's REST API ({@code https://api.twilio.com}; a local fake in tests)
 * @param twilioRestTimeout bound on one update; kept under the call's two seconds of hand-over wait
 */
@ConfigurationProperties("firstbyte.handover")
public record HandOverProperties(@Nullable String twilioTransfer, @Nullable String twilioAccountSid,
                                 @Nullable String twilioApiUrl, @Nullable Duration twilioRestTimeout) {

    public static final String ACTION_URL = "action-url";
    public static final String REST = "rest";

    public HandOverProperties {
        twilioTransfer = twilioTransfer == null || twilioTransfer.isBlank() ? ACTION_URL : twilioTransfer.strip().toLowerCase(Locale.ROOT);
        if (!twilioTransfer.equals(ACTION_URL) && !twilioTransfer.equals(REST)) {
            throw new IllegalArgumentException("TWILIO_TRANSFER must be action-url or rest, not " + twilioTransfer);
        }
        twilioAccountSid = twilioAccountSid == null ? "" : twilioAccountSid.strip();
        twilioApiUrl = twilioApiUrl == null || twilioApiUrl.isBlank() ? "https://api.twilio.com" : twilioApiUrl.strip();
        twilioRestTimeout = twilioRestTimeout == null || twilioRestTimeout.isNegative() || twilioRestTimeout.isZero()
                ? Duration.ofMillis(1500) : twilioRestTimeout;
    }

    public boolean twilioRest() {
        return twilioTransfer.equals(REST);
    }
}
