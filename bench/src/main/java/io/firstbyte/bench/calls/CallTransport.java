package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries one {@link CallSession} to the server the way its gateway connects (a WebSocket, or
 * AudioSocket's TCP stream). The returned result is always the session's: connection failures,
 * unexpected closes and time-outs become the call's errors.
 */
interface CallTransport {

    /** How long the caller keeps reading after its hang-up, for the server to close. */
    Duration CLOSE_GRACE = Duration.ofSeconds(2);

    Mono<CallResult> run(CallSession session, Flux<WireMessage> outgoing);

    static ErrorKind failureKind(Throwable error, boolean connected) {
        if (error instanceof TimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        return connected ? ErrorKind.UNEXPECTED_CLOSE : ErrorKind.CONNECTION_FAILURE;
    }

    static String describe(Throwable error, Duration callTimeout) {
        if (error instanceof TimeoutException) {
            return "call still running after " + callTimeout.toSeconds() + " s";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
