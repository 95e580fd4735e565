package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.http.SocketClosed;
import io.firstbyte.adapters.http.WsFrame;
import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** One call's live-listen session: its outbound stream, its socket, and the one reconnect it may make. */
final class ListenSession {

    private static final Logger log = LoggerFactory.getLogger(ListenSession.class);
    static final String PROVIDER = "deepgram-stt";
    private static final Duration MAX_KEEP_ALIVE_CHECK = Duration.ofSeconds(1);

    private final DeepgramSttConfig config;
    private final CallContext call;
    private final Scheduler scheduler;
    private final DeepgramSttListener listener;
    private final HttpClient client;
    private final ResultsReader reader;
    private final AtomicBoolean reconnected = new AtomicBoolean();
    private final AtomicBoolean overflowLogged = new AtomicBoolean();
    private final AtomicBoolean badMessageLogged = new AtomicBoolean();
    private volatile boolean established;
    private volatile boolean connected;
    private volatile long lastSentNanos;
    private volatile @Nullable ListenConnection current;

    ListenSession(DeepgramSttConfig config, CallContext call, Scheduler scheduler, DeepgramSttListener listener,
                  HttpClient client, ObjectMapper json) {
        this.config = config;
        this.call = call;
        this.scheduler = scheduler;
        this.listener = listener;
        this.client = client;
        this.reader = new ResultsReader(json);
        this.lastSentNanos = now();
    }

    Flux<SpeechEvent> run(Flux<AudioIn> audio) {
        // One subscription to the caller's audio for the whole call; each socket in turn takes what
        // is queued. Between sockets the bounded buffer holds the audio (the oldest is dropped first).
        Flux<Outgoing> outbound = outbound(audio)
                .onBackpressureBuffer(config.reconnectBufferFrames(), dropped -> audioDropped(),
                        BufferOverflowStrategy.DROP_OLDEST)
                .publish(1)
                .autoConnect(1);
        return connect(outbound)
                .onErrorResume(this::mayReconnect, error -> {
                    log.warn("call {}: Deepgram socket dropped ({}); reconnecting once, caller audio is buffered",
                            call.callId(), error.getMessage());
                    listener.reconnecting(call, (ProviderException) error);
                    return connect(outbound);
                });
    }

    private Flux<Outgoing> outbound(Flux<AudioIn> audio) {
        return audio.filter(frame -> frame.audio().length > 0).publish(frames -> {
            Flux<Outgoing> control = Flux.merge(keepAlives(), finalizes(frames)).takeUntilOther(frames.then());
            return Flux.merge(frames.map(Outgoing.Audio::new), control);
        }).concatWith(Mono.just(Outgoing.CLOSE_STREAM));
    }

    private Flux<Outgoing> keepAlives() {
        Duration half = config.keepAliveAfter().dividedBy(2);
        return Flux.interval(half.compareTo(MAX_KEEP_ALIVE_CHECK) < 0 ? half : MAX_KEEP_ALIVE_CHECK, scheduler)
                .filter(tick -> connected && now() - lastSentNanos >= config.keepAliveAfter().toNanos())
                .map(tick -> {
                    lastSentNanos = now();
                    return Outgoing.KEEP_ALIVE;
                });
    }

    private Flux<Outgoing> finalizes(Flux<AudioIn> frames) {
        if (!config.finalizeOnSilence()) {
            return Flux.empty();
        }
        return VoiceActivityDetector.detect(frames, config.vad()).ofType(SpeechStopped.class).map(stopped -> Outgoing.FINALIZE);
    }

    private Flux<SpeechEvent> connect(Flux<Outgoing> outbound) {
        connected = false;
        // connectTimeout bounds the TCP connect; this bounds the whole handshake too.
        Mono<Long> handshakeDeadline = Mono.delay(config.connectTimeout(), scheduler)
                .filter(tick -> !connected)
                .switchIfEmpty(Mono.never());
        return client.websocket(ProviderHttp.socketSpec()).uri(ListenUrl.of(config))
                .handle((in, out) -> exchange(in, out, outbound))
                .timeout(handshakeDeadline, event -> Mono.never())
                .doOnCancel(this::hangUp)
                .doFinally(signal -> connected = false)
                .onErrorMap(error -> FailureClassifier.classify(PROVIDER, error));
    }

    private Flux<SpeechEvent> exchange(WebsocketInbound in, WebsocketOutbound out, Flux<Outgoing> outbound) {
        ListenConnection connection = new ListenConnection();
        in.withConnection(connection::attach);
        current = connection;
        established = true;
        connected = true;
        Mono<Void> sending = out.sendObject(outbound.map(next -> {
                    lastSentNanos = now();
                    return connection.frame(next).toNetty();
                })).then()
                .onErrorResume(error -> Mono.empty());
        Flux<SpeechEvent> receiving = in.aggregateFrames(ProviderHttp.MAX_FRAME_BYTES).receiveFrames()
                .concatMapIterable(frame -> events(WsFrame.copyOf(frame), connection))
                .concatWith(in.receiveCloseStatus()
                        .timeout(config.closeTimeout(), Mono.<WebSocketCloseStatus>empty(), scheduler)
                        .defaultIfEmpty(WebSocketCloseStatus.ABNORMAL_CLOSURE)
                        .flatMap(status -> closed(status, connection)));
        // After CloseStream, Deepgram has closeTimeout to send its last results and close.
        Mono<Long> closeGrace = sending.then(Mono.defer(() -> connection.closeStreamSent()
                ? Mono.delay(config.closeTimeout(), scheduler)
                : Mono.never()));
        return receiving.takeUntilOther(closeGrace);
    }

    private List<SpeechEvent> events(@Nullable WsFrame frame, ListenConnection connection) {
        if (!(frame instanceof WsFrame.Text text)) {
            return List.of();
        }
        try {
            return reader.read(text.text(), connection.offsetMillis());
        } catch (JacksonException malformed) {
            listener.messageDropped(call, "malformed JSON");
            if (badMessageLogged.compareAndSet(false, true)) {
                log.warn("call {}: skipping a malformed Deepgram message (logged once per call)", call.callId());
            }
            return List.of();
        }
    }

    private Mono<SpeechEvent> closed(WebSocketCloseStatus status, ListenConnection connection) {
        if (SocketClosed.isNormal(status) && connection.closeStreamSent()) {
            return Mono.empty();
        }
        return Mono.error(SocketClosed.failure(PROVIDER, SocketClosed.isNormal(status) ? null : status));
    }

    /** Hang-up usually arrives as a cancel: Deepgram still hears CloseStream before the socket closes. */
    private void hangUp() {
        ListenConnection connection = current;
        if (connection != null) {
            connection.sendCloseStreamNow();
        }
    }

    /** Only a socket that had been up may be reconnected, once, and only after a transient failure. */
    private boolean mayReconnect(Throwable error) {
        return established && error instanceof ProviderException provider && provider.category().isTransient()
                && reconnected.compareAndSet(false, true);
    }

    private void audioDropped() {
        listener.audioDropped(call);
        if (overflowLogged.compareAndSet(false, true)) {
            log.warn("call {}: Deepgram reconnect buffer full; dropping the oldest caller audio (logged once per call)",
                    call.callId());
        }
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
