package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.wire.AudioSocketWire;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.URI;
import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;

/**
 * Carries one {@link CallSession} as Asterisk's {@code AudioSocket()} does: the dial plan's
 * registration ({@code POST /audiosocket/calls} with the call's UUID, numbers and parameters) must
 * be answered {@code 204}, then a TCP connection to the AudioSocket listener carries the frames,
 * each written and flushed on its own (Asterisk sets {@code TCP_NODELAY}). The server's byte stream
 * is cut into whole frames by their 3-byte header before the wire reads them. After its hang-up
 * frame the caller waits for the server to close the connection.
 */
final class AudioSocketCall implements CallTransport {

    static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI httpBase;
    private final TcpClient tcp;
    private final FrameClock clock;
    private final LongSupplier nanoTime;
    private final Duration callTimeout;

    /** @param tcp a client for the AudioSocket listener (host, port, connect timeout) */
    AudioSocketCall(HttpClient http, URI httpBase, TcpClient tcp, FrameClock clock, LongSupplier nanoTime, Duration callTimeout) {
        this.http = http;
        this.httpBase = httpBase;
        this.tcp = tcp;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.callTimeout = callTimeout;
    }

    @Override
    public Mono<CallResult> run(CallSession session, Flux<WireMessage> outgoing) {
        if (!(session.wire() instanceof AudioSocketWire wire)) {
            throw new IllegalArgumentException("not an AudioSocket call: " + session.wire().getClass().getSimpleName());
        }
        CallLifecycle call = new CallLifecycle(session, clock, nanoTime, callTimeout);
        // The conversation itself is the call's publisher (not the connection's disposal), so that a
        // send failing on a connection the server closed reaches the call as an unexpected close.
        Mono<Void> connection = tcp
                .doOnConnected(opened -> opened.addHandlerLast("audiosocket-frames", frameDecoder()))
                .connect()
                .flatMap(opened -> {
                    call.connected(opened.channel().eventLoop());
                    return converse(call, outgoing, opened.inbound(), opened.outbound()).doFinally(signal -> opened.dispose());
                });
        return call.settle(register(wire.registration()).then(connection));
    }

    private Mono<Void> register(AudioSocketWire.Registration registration) {
        return http.headers(headers -> registration.headers().forEach(headers::set))
                .post()
                .uri(httpBase.resolve(AudioSocketWire.REGISTRATION_PATH))
                .sendForm((request, form) -> registration.form().forEach(form::attr))
                .responseSingle((response, body) -> response.status().code() == 204
                        ? Mono.<Void>empty()
                        : body.asString().defaultIfEmpty("").flatMap(text -> Mono.<Void>error(new IllegalStateException(
                                "registration answered " + response.status().code() + " " + text))))
                .timeout(REGISTRATION_TIMEOUT);
    }

    private static Mono<Void> converse(CallLifecycle call, Flux<WireMessage> outgoing, NettyInbound in, NettyOutbound out) {
        Sinks.Empty<Void> sent = Sinks.empty();
        Mono<Void> send = out.send(outgoing.map(AudioSocketCall::bytes), frame -> true).then()
                .doFinally(signal -> sent.tryEmitEmpty());
        Flux<WireMessage> received = in.receive().<WireMessage>map(frame -> new WireMessage.Binary(ByteBufUtil.getBytes(frame)));
        return Mono.when(send, call.receive(received, sent.asMono()));
    }

    /** One whole frame per message: {@code [kind][length, big-endian][payload]}. */
    static LengthFieldBasedFrameDecoder frameDecoder() {
        return new LengthFieldBasedFrameDecoder(AudioSocketWire.HEADER_BYTES + AudioSocketWire.MAX_PAYLOAD, 1, 2, 0, 0);
    }

    private static ByteBuf bytes(WireMessage message) {
        return switch (message) {
            case WireMessage.Binary binary -> Unpooled.wrappedBuffer(binary.bytes());
            case WireMessage.Text text -> throw new IllegalArgumentException("AudioSocket carries no text");
        };
    }
}
