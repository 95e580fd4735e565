package io.firstbyte.adapters.telephony.twilio;

import java.util.Locale;

/**
 * Why the Twilio codec dropped a message. {@link #kind()} is the name reported to
 * {@link io.firstbyte.pipeline.transport.DroppedInput}, so meters can be registered up front.
 */
public enum TwilioDropKind {
    /** A text message that is not a JSON object. */
    MALFORMED_JSON,
    /** A media payload that is not standard base64. */
    INVALID_BASE64,
    /** A media payload that is empty or not a whole number of 160-byte (20 ms) frames. */
    PARTIAL_FRAME,
    /** Media before the {@code start} message: there is no stream yet. */
    MEDIA_BEFORE_START,
    /** A second {@code start} on the same connection. */
    SECOND_START,
    /** A text message longer than {@link TwilioMediaCodec#MAX_TEXT_CHARS}, dropped unparsed. */
    OVERSIZED_MESSAGE,
    /** A binary frame: Twilio sends only text. */
    BINARY_FRAME,
    /** An {@code event} this codec does not know. */
    UNKNOWN_EVENT,
    /** Media of a track other than the caller's ({@code inbound}). */
    OUTBOUND_TRACK,
    /** A message naming another {@code streamSid} than this connection's {@code start} did. */
    FOREIGN_STREAM,
    /** A required field is absent or has the wrong type. */
    MISSING_FIELD,
    /** Outbound audio that cannot become mu-law 8 kHz without resampling (not an inbound drop). */
    UNSUPPORTED_AUDIO_FORMAT;

    public String kind() {
        return name().toLowerCase(Locale.ROOT);
    }
}
