package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.wire.WebSocketWire;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
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
 * hang-up, as the gateways do.
 */
final class WebSocketCall implements CallTransport {

    static final int MAX_FRAME_BYTES = 64 * 1024;

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

    @Override
    public Mono<CallResult> run(CallSession session, Flux<WireMessage> outgoing) {
        if (!(session.wire() instanceof WebSocketWire wire)) {
            throw new IllegalArgumentException("not a WebSocket gateway: " + session.wire().getClass().getSimpleName());
        }
        CallLifecycle call = new CallLifecycle(session, clock, nanoTime, callTimeout);
        WebSocketWire.Upgrade upgrade = wire.upgrade();
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES);
        if (upgrade.subprotocol() != null) {
            spec.protocols(upgrade.subprotocol());
        }
        return call.settle(client.headers(headers -> upgrade.headers().forEach(headers::set))
                .websocket(spec.build())
                .uri(withQuery(url, upgrade.pathAndQuery()))
                .handle((in, out) -> {
                    in.withConnection(connection -> call.connected(connection.channel().eventLoop()));
                    return converse(call, outgoing, in, out);
                })
                .then());
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

    private static Mono<Void> converse(CallLifecycle call, Flux<WireMessage> outgoing, WebsocketInbound in, WebsocketOutbound out) {
        Sinks.Empty<Void> sent = Sinks.empty();
        Mono<Void> send = out.sendObject(outgoing.map(WebSocketCall::frame)).then()
                .then(out.sendClose(1000, "call ended").onErrorResume(e -> Mono.empty()))
                .doFinally(signal -> sent.tryEmitEmpty());
        Flux<WireMessage> received = in.aggregateFrames(MAX_FRAME_BYTES).receiveFrames()
                .filter(frame -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
                .map(WebSocketCall::copy);
        return Mono.when(send, call.receive(received, sent.asMono()));
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
}
