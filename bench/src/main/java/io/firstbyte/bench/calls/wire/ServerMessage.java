package io.firstbyte.bench.calls.wire;

/** What the server may send on a Twilio stream, as the caller understands it (protocols.md 1.5). */
public sealed interface ServerMessage {

    /** Outbound audio; only its length matters to the caller. */
    record Media(String streamSid, int audioBytes) implements ServerMessage {
    }

    /** Asks for an echo once the audio sent before it has played. */
    record Mark(String streamSid, String name) implements ServerMessage {
    }

    /** Drop all buffered audio now and return every pending mark. */
    record Clear(String streamSid) implements ServerMessage {
    }

    /** Anything else: an unknown event, bad JSON, bad base64. The reason says which. */
    record Invalid(String reason) implements ServerMessage {
    }
}
