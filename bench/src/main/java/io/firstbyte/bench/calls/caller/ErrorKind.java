package io.firstbyte.bench.calls.caller;

/** What went wrong in a simulated call; each kind makes the run fail. */
public enum ErrorKind {
    /** The WebSocket could not be opened. */
    CONNECTION_FAILURE,
    /** The server closed the stream (or the connection broke) before the caller said goodbye. */
    UNEXPECTED_CLOSE,
    /** No answer within the answer timeout, an answer that never ended, or a call over its time limit. */
    TIMEOUT,
    /** The server sent something Twilio would reject: bad JSON, an unknown event, a wrong streamSid. */
    PROTOCOL,
    /** The caller barged in while the answer was playing and no {@code clear} came. */
    MISSED_CLEAR,
    /** The caller could not send fast enough (its outbound queue overflowed). */
    SEND_OVERFLOW,
    /** A fault in the simulator itself (reported rather than hidden). */
    INTERNAL
}
