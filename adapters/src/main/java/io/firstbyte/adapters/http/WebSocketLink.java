package io.firstbyte.adapters.http;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/**
 * A long-lived client WebSocket that several answers share (a TTS session's socket). Messages
 * sent before the handshake completes wait in a bounded queue; received messages are copied to
 * heap and handed to the listener on the socket's event loop. {@link #close()} sends a close frame
 * and waits a short grace for the peer's; the listener hears exactly one {@code closed}.
 */
public final class WebSocketLink implements Disposable {

    /** Messages queued for sending before the link refuses more (a stuck socket, not a busy one). */
    public static final int OUTBOUND_LIMIT = 256;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** What the owner of a link hears: each message, then one close (null failure = normal close). */
    public interface Listener {
        void frame(WsFrame frame);

        void closed(@Nullable ProviderException failure);
    }

    private final String provider;
    private final Listener listener;
    private final Sinks.Many<WsFrame> outbound = Sinks.many().unicast()
            .onBackpressureBuffer(Queues.<WsFrame>get(OUTBOUND_LIMIT).get());
    private volatile boolean closing;
    private volatile boolean ended;
    private volatile @Nullable ProviderException failure;
    private volatile @Nullable Disposable connection;

    private WebSocketLink(String provider, Listener listener) {
        this.provider = provider;
        this.listener = listener;
    }

    private WebSocketLink start(HttpClient client, String url) {
        Disposable socket = client.websocket(ProviderHttp.socketSpec()).uri(url)
                .handle(this::exchange)
                .next()
                .subscribe(this::closedWith, this::failed, () -> closedWith(null));
        connection = socket;
        if (ended) {
            socket.dispose();
        }
        return this;
    }

    /** Opens a link now; {@code headers} adds the provider's authentication. */
    public static WebSocketLink connect(HttpClient client, String url, Consumer<HttpHeaders> headers,
                                        String provider, Listener listener) {
        return new WebSocketLink(provider, listener).start(client.headers(headers), url);
    }

    /** Queues a message; false when the link is closing, closed or hopelessly behind. */
    public synchronized boolean send(WsFrame frame) {
        return !closing && !ended && outbound.tryEmitNext(frame).isSuccess();
    }

    /**
     * Queues a message or throws why it cannot: the failure that ended the link (a refused
     * handshake keeps its category), else a connectivity failure.
     */
    public void sendOrThrow(WsFrame frame) {
        if (!send(frame)) {
            ProviderException reason = failure;
            throw reason != null ? reason : ProviderFailure.of(provider, ErrorCategory.CONNECTIVITY, "socket is not open");
        }
    }

    public boolean isOpen() {
        return !closing && !ended;
    }

    /** Sends what is queued, then a normal close frame. */
    public synchronized void close() {
        closing = true;
        outbound.tryEmitComplete();
    }

    @Override
    public void dispose() {
        close();
    }

    @Override
    public boolean isDisposed() {
        return ended;
    }

    private Mono<WebSocketCloseStatus> exchange(WebsocketInbound in, WebsocketOutbound out) {
        Mono<Void> sending = out.sendObject(outbound.asFlux().map(WsFrame::toNetty)).then()
                .then(Mono.defer(() -> out.sendClose(1000, "done")))
                .onErrorResume(error -> Mono.empty());
        return in.aggregateFrames(ProviderHttp.MAX_FRAME_BYTES).receiveFrames()
                .<WsFrame>handle((frame, sink) -> {
                    WsFrame copy = WsFrame.copyOf(frame);
                    if (copy != null) {
                        sink.next(copy);
                    }
                })
                .doOnNext(listener::frame)
                .then(in.receiveCloseStatus())
                .takeUntilOther(sending.then(Mono.delay(CLOSE_GRACE)));
    }

    private void closedWith(@Nullable WebSocketCloseStatus status) {
        end(SocketClosed.isNormal(status) || (status == null && closing) ? null : SocketClosed.failure(provider, status));
    }

    private void failed(Throwable error) {
        end(FailureClassifier.classify(provider, error));
    }

    private void end(@Nullable ProviderException failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            this.failure = failure;
            outbound.tryEmitComplete();
        }
        listener.closed(failure);
        Disposable socket = connection;
        if (socket != null) {
            socket.dispose();
        }
    }
}
