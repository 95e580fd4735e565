package io.firstbyte.app.audiosocket;

import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketCodec;
import io.firstbyte.app.call.CallRunner;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;

/**
 * One AudioSocket TCP connection as one composed {@code Mono}: the bytes read are copied into the
 * codec (split anywhere), its events drive the call, and the call's frames are written back. The
 * connection ends when the call does (after the hang-up frame), when Asterisk closes it, when no
 * UUID arrives within the start timeout, at once when the peer's bytes cannot be read as
 * AudioSocket (a length over the limit), or at the UUID when the call is not admitted (not
 * registered while registration is required): only this connection is closed.
 */
final class AudioSocketConnection {

    private static final Logger log = LoggerFactory.getLogger(AudioSocketConnection.class);
    static final String UNREGISTERED_CALL = "unregistered_call";

    private final AudioSocketCodec codec;
    private final CallRunner runner;
    private final Duration startTimeout;
    private final Duration pacerLead;
    private final String name;
    private final BooleanSupplier admitted;

    AudioSocketConnection(AudioSocketCodec codec, CallRunner runner, Duration startTimeout, Duration pacerLead, String name,
                          BooleanSupplier admitted) {
        this.codec = codec;
        this.runner = runner;
        this.startTimeout = startTimeout;
        this.pacerLead = pacerLead;
        this.name = name;
        this.admitted = admitted;
    }

    Mono<Void> serve(NettyInbound in, NettyOutbound out) {
        Sinks.One<Boolean> started = Sinks.one();
        Flux<InboundEvent> inbound = in.receive().asByteArray()
                .map(bytes -> codec.decode(new WireMessage.Binary(bytes)))
                .takeUntil(events -> codec.mustDisconnect())
                .concatMapIterable(events -> events);
        Flux<OutboundEvent> outbound = inbound
                .skipWhile(event -> !(event instanceof CallStarted || event instanceof HangUp))
                .switchOnFirst((first, events) -> {
                    started.tryEmitValue(true);
                    // The call ending itself (EndCall) cancels the inbound events; that is their end, not an error.
                    Flux<InboundEvent> afterStart = events.skip(1).onErrorComplete(CancellationException.class);
                    if (first.get() instanceof CallStarted start && !admitted.getAsBoolean()) {
                        return refuse(start, in);
                    }
                    return first.get() instanceof CallStarted start
                            ? runner.run(start, afterStart, pacerLead, codec.handsOver()) : Flux.empty();
                });
        Flux<byte[]> bytes = outbound
                .concatMapIterable(codec::encode)
                .map(AudioSocketConnection::bytes);
        Mono<Void> startWatchdog = Mono.delay(startTimeout)
                .takeUntilOther(started.asMono())
                .flatMap(late -> {
                    log.warn("AudioSocket connection {} sent no UUID within {}; closing it", name, startTimeout);
                    return Mono.fromRunnable(() -> in.withConnection(Connection::dispose));
                });
        return Mono.when(out.send(bytes.map(Unpooled::wrappedBuffer)).then(), startWatchdog)
                .doOnError(error -> log.warn("AudioSocket connection {} failed: {}", name, error.toString()))
                .doFinally(signal -> {
                    if (codec.mustDisconnect()) {
                        log.warn("AudioSocket connection {} closed: its bytes are not AudioSocket frames", name);
                    }
                });
    }

    /** A call nobody registered while registration is required: closed before any call work, counted, logged once. */
    private Flux<OutboundEvent> refuse(CallStarted start, NettyInbound in) {
        runner.metrics().dropped("audiosocket", UNREGISTERED_CALL);
        log.warn("AudioSocket connection {} closed: call {} was not registered through POST /audiosocket/calls",
                name, start.callId());
        in.withConnection(Connection::dispose);
        return Flux.empty();
    }

    private static byte[] bytes(WireMessage message) {
        return switch (message) {
            case WireMessage.Binary binary -> binary.bytes();
            case WireMessage.Text text -> throw new IllegalStateException("the AudioSocket codec wrote text: " + text);
        };
    }

}
