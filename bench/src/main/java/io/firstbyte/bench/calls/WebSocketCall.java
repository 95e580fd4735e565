package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.wire.ServerMessages;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Carries one {@link CallSession} over a WebSocket: the session's messages go out as text frames,
 * the server's frames come in with their arrival time, and the caller closes the socket after
 * {@code stop}, as Twilio does. Connection failures, unexpected closes and time-outs become the
 * call's errors; the returned result is always the session's.
 */
final class WebSocketCall {

    static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final HttpClient client;
    private final URI url;
    private final FrameClock clock;
    private final LongSupplier nanoTime;
    private final Duration callTimeout;

    WebSocketCall(HttpClient client, URI url, FrameClock clock, LongSupplier nanoTime, Duration callTimeout) {
        this.client = client;
        this.url = url;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.callTimeout = callTimeout;
    }

    Mono<CallResult> run(CallSession session, Flux<String> outgoing) {
        AtomicBoolean connected = new AtomicBoolean();
        return client.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES).build())
                .uri(url)
                .handle((in, out) -> {
                    connected.set(true);
                    session.start(nanoTime.getAsLong());
                    clock.add(session);
                    return converse(session, outgoing, in, out);
                })
                .then()
                .timeout(callTimeout)
                .onErrorResume(e -> {
                    session.fail(kindOf(e, connected.get()), describe(e));
                    return Mono.empty();
                })
                .doFinally(signal -> clock.remove(session))
                .then(Mono.fromSupplier(session::result));
    }

    private Mono<Void> converse(CallSession session, Flux<String> outgoing, WebsocketInbound in, WebsocketOutbound out) {
        Sinks.Empty<Void> sent = Sinks.empty();
        Mono<Void> send = out.sendString(outgoing).then()
                .then(out.sendClose(1000, "call ended").onErrorResume(e -> Mono.empty()))
                .doFinally(signal -> sent.tryEmitEmpty());
        Mono<Void> receive = in.aggregateFrames(MAX_FRAME_BYTES).receive().asString()
                .doOnNext(text -> session.onMessage(ServerMessages.parse(text), nanoTime.getAsLong()))
                .takeUntilOther(sent.asMono().then(Mono.delay(CLOSE_GRACE)))
                .then(Mono.fromRunnable(session::closed));
        return Mono.when(send, receive);
    }

    private ErrorKind kindOf(Throwable error, boolean connected) {
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
