package io.firstbyte.bench.calls.wire;

/** What the server may send, as the caller understands it, whatever the gateway (protocols.md 1.5, 2, 3). */
public sealed interface ServerMessage {

    /**
     * Outbound audio: its length in mu-law 8 kHz bytes (8 per millisecond, whatever the wire's
     * encoding and rate) and its loudest sample's magnitude (-1 when not measured).
     */
    record Media(String streamSid, int audioBytes, int peak) implements ServerMessage {

        public Media(String streamSid, int audioBytes) {
            this(streamSid, audioBytes, -1);
        }
    }

    /** Asks for an echo once the audio sent before it has played. */
    record Mark(String streamSid, String name) implements ServerMessage {
    }

    /** Drop all buffered audio now and return every pending mark. */
    record Clear(String streamSid) implements ServerMessage {
    }

    /** A message the caller understands but does not act on (a gateway command such as {@code disconnect}). */
    record Ignored(String what) implements ServerMessage {
    }

    /** Anything else: an unknown event, bad JSON, bad base64. The reason says which. */
    record Invalid(String reason) implements ServerMessage {
    }
}
