package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.wire.GatewayWire;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
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
 * Carries one {@link CallSession} over a WebSocket, upgraded as its gateway does (query, headers,
 * subprotocol): the session's messages go out as text or binary frames, the server's frames are
 * read by the gateway's wire with their arrival time, and the caller closes the socket after its
 * hang-up, as the gateways do. Connection failures, unexpected closes and time-outs become the
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

    Mono<CallResult> run(CallSession session, Flux<WireMessage> outgoing) {
        AtomicBoolean connected = new AtomicBoolean();
        GatewayWire.Upgrade upgrade = session.wire().upgrade();
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES);
        if (upgrade.subprotocol() != null) {
            spec.protocols(upgrade.subprotocol());
        }
        return client.headers(headers -> upgrade.headers().forEach(headers::set))
                .websocket(spec.build())
                .uri(withQuery(url, upgrade.pathAndQuery()))
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

    /** The gateway's query string (chan_websocket's {@code v()} options) on the configured URL. */
    static URI withQuery(URI url, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        if (query < 0) {
            return url;
        }
        String separator = url.getRawQuery() == null ? "?" : "&";
        return URI.create(url + separator + pathAndQuery.substring(query + 1));
    }

    private Mono<Void> converse(CallSession session, Flux<WireMessage> outgoing, WebsocketInbound in, WebsocketOutbound out) {
        Sinks.Empty<Void> sent = Sinks.empty();
        Mono<Void> send = out.sendObject(outgoing.map(WebSocketCall::frame)).then()
                .then(out.sendClose(1000, "call ended").onErrorResume(e -> Mono.empty()))
                .doFinally(signal -> sent.tryEmitEmpty());
        Mono<Void> receive = in.aggregateFrames(MAX_FRAME_BYTES).receiveFrames()
                .filter(frame -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
                .map(WebSocketCall::copy)
                .doOnNext(message -> session.onMessage(session.wire().read(message), nanoTime.getAsLong()))
                .takeUntilOther(sent.asMono().then(Mono.delay(CLOSE_GRACE)))
                .then(Mono.fromRunnable(session::closed));
        return Mono.when(send, receive);
    }

    private static WebSocketFrame frame(WireMessage message) {
        return switch (message) {
            case WireMessage.Text text -> new TextWebSocketFrame(text.text());
            case WireMessage.Binary binary -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binary.bytes()));
        };
    }

    private static WireMessage copy(WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            return new WireMessage.Text(text.text());
        }
        return new WireMessage.Binary(ByteBufUtil.getBytes(frame.content()));
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
