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
 * @param telnyxApiKey      Telnyx's API key: when set, Telnyx calls are handed over with Call Control's {@code transfer}
 * @param telnyxApiUrl      Telnyx's API ({@code https://api.telnyx.com}; a local fake in tests)
 * @param gatewayRestTimeout bound on one transfer request to Telnyx's, Vonage's or Plivo's REST API
 * @param vonageApplicationId the Vonage application the calls belong to: with the private key, Vonage calls are
 *                          handed over with the Voice API's transfer
 * @param vonagePrivateKey  that application's private key (PKCS#8 PEM, as Vonage issues it)
 * @param vonageApiUrl      Vonage's Voice API ({@code https://api.nexmo.com}; a local fake in tests)
 * @param plivoAuthId       the Plivo account's auth id: with its auth token, Plivo calls are handed over with the
 *                          Voice API's call transfer
 * @param plivoAuthToken    that account's auth token; it also checks {@code X-Plivo-Signature-V3} on the transfer's
 *                          request for the XML to run
 * @param plivoApiUrl       Plivo's Voice API ({@code https://api.plivo.com}; a local fake in tests)
 */
@ConfigurationProperties("firstbyte.handover")
public record HandOverProperties(@Nullable String twilioTransfer, @Nullable String twilioAccountSid,
                                 @Nullable String twilioApiUrl, @Nullable Duration twilioRestTimeout,
                                 @Nullable String telnyxApiKey, @Nullable String telnyxApiUrl,
                                 @Nullable Duration gatewayRestTimeout, @Nullable String vonageApplicationId,
                                 @Nullable String vonagePrivateKey, @Nullable String vonageApiUrl,
                                 @Nullable String plivoAuthId, @Nullable String plivoAuthToken, @Nullable String plivoApiUrl) {

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
        telnyxApiKey = telnyxApiKey == null ? "" : telnyxApiKey.strip();
        telnyxApiUrl = telnyxApiUrl == null || telnyxApiUrl.isBlank() ? "https://api.telnyx.com" : telnyxApiUrl.strip();
        gatewayRestTimeout = gatewayRestTimeout == null || gatewayRestTimeout.isNegative() || gatewayRestTimeout.isZero()
                ? Duration.ofMillis(1500) : gatewayRestTimeout;
        vonageApplicationId = vonageApplicationId == null ? "" : vonageApplicationId.strip();
        vonagePrivateKey = vonagePrivateKey == null ? "" : vonagePrivateKey.strip();
        vonageApiUrl = vonageApiUrl == null || vonageApiUrl.isBlank() ? "https://api.nexmo.com" : vonageApiUrl.strip();
        plivoAuthId = plivoAuthId == null ? "" : plivoAuthId.strip();
        plivoAuthToken = plivoAuthToken == null ? "" : plivoAuthToken.strip();
        plivoApiUrl = plivoApiUrl == null || plivoApiUrl.isBlank() ? "https://api.plivo.com" : plivoApiUrl.strip();
    }

    public boolean twilioRest() {
        return twilioTransfer.equals(REST);
    }
}
