package io.firstbyte.app.web.media;

import io.firstbyte.app.call.CallRunner;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.DroppedInputLog;
import io.firstbyte.pipeline.transport.TransportCodec;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One media WebSocket ({@code /twilio/media}, {@code /audio/{dialect}}), one call pipeline; the
 * dialect is only in the codec. The handler is a single
 * composed {@code Mono}: inbound frames are copied off their pooled buffers, decoded, and drive the
 * pipeline; its outbound events are encoded and sent. A stream that sends no {@code start} within
 * the start timeout is closed; {@code stop}, a closed socket or a hang-up ends the call and releases
 * everything it held.
 */
public final class MediaStreamHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaStreamHandler.class);
    private static final CloseStatus NO_START = CloseStatus.POLICY_VIOLATION.withReason("no start message");
    private static final CloseStatus BAD_TOKEN = CloseStatus.POLICY_VIOLATION.withReason("invalid call token");

    private final String dialect;
    private final BiFunction<WebSocketSession, DroppedInput, TransportCodec> codecs;
    private final List<String> subProtocols;
    private final CallRunner runner;
    private final TelephonyProperties telephony;
    private final CallTokenCheck tokens;
    private final boolean gatewayHandsOver;

    public MediaStreamHandler(String dialect, BiFunction<WebSocketSession, DroppedInput, TransportCodec> codecs,
                              List<String> subProtocols, CallRunner runner, TelephonyProperties telephony, CallTokenCheck tokens) {
        this(dialect, codecs, subProtocols, runner, telephony, tokens, false);
    }

    /**
     * @param gatewayHandsOver whether the gateway hands callers over by its own API (configured with its
     *                         credentials, see {@code GatewayTransfers}) even where its stream cannot
     */
    public MediaStreamHandler(String dialect, BiFunction<WebSocketSession, DroppedInput, TransportCodec> codecs,
                              List<String> subProtocols, CallRunner runner, TelephonyProperties telephony, CallTokenCheck tokens,
                              boolean gatewayHandsOver) {
        this.gatewayHandsOver = gatewayHandsOver;
        this.dialect = dialect;
        this.codecs = codecs;
        this.subProtocols = List.copyOf(subProtocols);
        this.runner = runner.forGateway(dialect);
        this.telephony = telephony;
        this.tokens = tokens;
    }

    /** Decides whether a stream (its call id and parameters, {@code token} among them) may start a call. */
    @FunctionalInterface
    public interface CallTokenCheck {
        Mono<Boolean> accept(CallStarted started);

        /** A check that needs no I/O. */
        static CallTokenCheck of(Predicate<CallStarted> rule) {
            return started -> Mono.fromSupplier(() -> rule.test(started));
        }
    }

    @Override
    public List<String> getSubProtocols() {
        return subProtocols;
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        DroppedInputLog dropped = new DroppedInputLog(dialect + "/" + session.getId(), kind -> runner.metrics().dropped(dialect, kind));
        TransportCodec codec = codecs.apply(session, dropped);
        Sinks.One<Boolean> started = Sinks.one();
        Flux<InboundEvent> inbound = session.receive()
                .onErrorResume(error -> closeOnFrameError(session, dropped, error))
                // Copied before any queue: the frame's pooled buffer is released as soon as this map returns.
                .map(MediaStreamHandler::copy)
                .concatMapIterable(codec::decode);
        Flux<OutboundEvent> outbound = inbound
                .skipWhile(event -> !(event instanceof CallStarted || event instanceof HangUp))
                .switchOnFirst((first, events) -> {
                    started.tryEmitValue(true);
                    // When the call ends itself (EndCall), switchOnFirst tells the inbound events it was
                    // cancelled with an error nobody is left to receive; that is the end of the events.
                    Flux<InboundEvent> afterStart = events.skip(1).onErrorComplete(CancellationException.class);
                    return first.get() instanceof CallStarted start ? call(session, start, afterStart,
                            codec.handsOver() || gatewayHandsOver) : Flux.empty();
                });
        Flux<WebSocketMessage> frames = outbound
                .concatMapIterable(codec::encode)
                .map(wire -> switch (wire) {
                    // As bytes: the frame messages are written as UTF-8 and go out without becoming a String.
                    case WireMessage.Text text -> new WebSocketMessage(WebSocketMessage.Type.TEXT,
                            session.bufferFactory().wrap(text.utf8()));
                    case WireMessage.Binary binary -> session.binaryMessage(buffers -> buffers.wrap(binary.bytes()));
                });
        // Closing before anything cancels the inbound stream keeps the close status: a cancelled
        // receive would close the socket first, without one.
        Mono<Void> startWatchdog = Mono.delay(telephony.startTimeout())
                .takeUntilOther(started.asMono())
                .flatMap(late -> {
                    log.warn("connection {} sent no start within {}; closing it", session.getId(), telephony.startTimeout());
                    return session.close(NO_START);
                });
        // A failure here closes the socket; without this line it would do so silently.
        return Mono.when(session.send(frames), startWatchdog)
                .doOnError(error -> log.warn("connection {} ({}) failed: {}", session.getId(), dialect, error.toString()));
    }

    private Flux<OutboundEvent> call(WebSocketSession session, CallStarted started, Flux<InboundEvent> events, boolean handsOver) {
        // An unexpected failure of the check refuses the call: it is closed by default.
        return tokens.accept(started).onErrorReturn(false).flatMapMany(accepted -> {
            if (accepted) {
                return runner.run(started, events, null, handsOver);
            }
            log.warn("stream {} refused: missing, reused or expired call token, or one issued for another call", started.streamId());
            return session.close(BAD_TOKEN).thenMany(Flux.empty());
        });
    }

    /** Ends the inbound stream (and so the call) after a frame error, with its close status. */
    private static Mono<WebSocketMessage> closeOnFrameError(WebSocketSession session, DroppedInput dropped, Throwable error) {
        return FrameErrors.of(error)
                .map(frameError -> {
                    dropped.dropped(frameError.kind(), "transport refused the frame (" + error.getMessage()
                            + "), closing the connection with " + frameError.close().getCode());
                    return session.close(frameError.close()).<WebSocketMessage>then(Mono.empty());
                })
                .orElseGet(() -> Mono.error(error));
    }

    private static WireMessage copy(WebSocketMessage message) {
        return message.getType() == WebSocketMessage.Type.TEXT
                ? WireMessage.Text.ofUtf8(bytes(message))
                : new WireMessage.Binary(bytes(message));
    }

    private static byte[] bytes(WebSocketMessage message) {
        var buffer = message.getPayload();
        byte[] copy = new byte[buffer.readableByteCount()];
        buffer.read(copy);
        return copy;
    }
}
