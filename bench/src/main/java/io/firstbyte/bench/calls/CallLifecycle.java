package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every transport does with one call, whatever carries it: starts the session and puts it on
 * the clock once connected, hands the server's messages to the session with their arrival time
 * until the server closes (or a grace period after the caller's hang-up), and turns connection
 * failures, unexpected closes and time-outs into the call's errors. One instance per call.
 */
final class CallLifecycle {

    /** How long the caller keeps reading after its hang-up, for the server to close. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final CallSession session;
    private final FrameClock clock;
    private final LongSupplier nanoTime;
    private final Duration callTimeout;
    private volatile boolean connected;

    CallLifecycle(CallSession session, FrameClock clock, LongSupplier nanoTime, Duration callTimeout) {
        this.session = session;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.callTimeout = callTimeout;
    }

    /** The media connection is open: the caller starts sending, ticking on {@code loop}, the connection's event loop. */
    void connected(ScheduledExecutorService loop) {
        connected = true;
        session.start(nanoTime.getAsLong());
        clock.add(session, loop);
    }

    /** Reads the server's messages until they end, or {@code CLOSE_GRACE} after {@code sent} completes. */
    Mono<Void> receive(Flux<WireMessage> messages, Mono<Void> sent) {
        // A filter that passes none, not doOnNext: then() would look up the discard hook through the
        // whole subscriber chain for every message.
        return messages
                .filter(message -> {
                    session.onMessage(session.wire().read(message), nanoTime.getAsLong());
                    return false;
                })
                .takeUntilOther(sent.then(Mono.delay(CLOSE_GRACE)))
                .then(Mono.fromRunnable(session::closed));
    }

    /** Runs the whole call within the call timeout; always completes with the session's result. */
    Mono<CallResult> settle(Mono<Void> call) {
        return call
                .timeout(callTimeout)
                .onErrorResume(e -> {
                    session.fail(failureKind(e), describe(e));
                    return Mono.empty();
                })
                .doFinally(signal -> clock.remove(session))
                .then(Mono.fromSupplier(session::result));
    }

    private ErrorKind failureKind(Throwable error) {
        if (error instanceof TimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        return connected ? ErrorKind.UNEXPECTED_CLOSE : ErrorKind.CONNECTION_FAILURE;
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "call still running after " + callTimeout.toSeconds() + " s";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
