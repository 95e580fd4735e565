package io.firstbyte.adapters.telephony.common;

import java.util.Locale;

/**
 * Why a dialect codec dropped a message. {@link #kind()} is the name reported to
 * {@link io.firstbyte.pipeline.transport.DroppedInput}, so meters can be registered up front.
 * Each codec's javadoc says which kinds it reports.
 */
public enum DropKind {
    /** A text message that is not a JSON object. */
    MALFORMED_JSON,
    /** A media payload that is not standard base64. */
    INVALID_BASE64,
    /** Audio that is empty or not a whole number of samples. */
    PARTIAL_FRAME,
    /** Audio (or a mark echo) before the message that starts the stream. */
    MEDIA_BEFORE_START,
    /** A second start (or metadata) message on the same connection. */
    SECOND_START,
    /** A message longer than the codec's limit, dropped unparsed. */
    OVERSIZED_MESSAGE,
    /** A binary frame where the dialect sends only text. */
    BINARY_FRAME,
    /** A text frame where the dialect sends only binary. */
    TEXT_FRAME,
    /** An event (or frame kind) this codec does not know. */
    UNKNOWN_EVENT,
    /** Media of a track other than the caller's. */
    OUTBOUND_TRACK,
    /** A message naming another stream than the connection's start did. */
    FOREIGN_STREAM,
    /** A required field is absent or has the wrong type. */
    MISSING_FIELD,
    /** Audio in an encoding or at a rate the codec cannot convert (inbound or outbound). */
    UNSUPPORTED_AUDIO_FORMAT,
    /** Media that arrived after later media had already been passed on, or twice. */
    LATE_MEDIA,
    /** The gateway reported an error on the media connection. */
    GATEWAY_ERROR,
    /** A binary frame whose payload does not fit its kind (for example a UUID that is not 16 bytes). */
    MALFORMED_FRAME,
    /** Input that cannot be resynchronised (a garbage length): the connection must be closed. */
    PROTOCOL_ERROR,
    /** Outbound audio written while the gateway asked us to pause (not an inbound drop). */
    OUTBOUND_PAUSED;

    public String kind() {
        return name().toLowerCase(Locale.ROOT);
    }
}
