package io.firstbyte.app.web.media;

import io.firstbyte.bench.calls.caller.Playback;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.bench.calls.wire.ServerMessage;
import io.firstbyte.bench.calls.wire.WebSocketWire;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A caller that dials the server exactly as one gateway does, through the call simulator's wire
 * for that gateway: the gateway's upgrade (path, query, headers, subprotocol) and opening
 * messages, then 20 ms of audio every 20 ms in real time (speech or silence) in the gateway's
 * format; the server's audio plays out in real time, marks are acknowledged the gateway's way once
 * played, the clear is honoured, and the gateway's hang-up ends the call.
 */
final class GatewayTestCaller {

    private static final byte[] SILENCE = filled((byte) 0xFF);
    private static final byte[] SPEECH = speechFrame();

    final WebSocketWire wire;
    final AtomicInteger audioReceived = new AtomicInteger();
    final AtomicInteger loudestSample = new AtomicInteger();
    final AtomicInteger clears = new AtomicInteger();
    final AtomicInteger marks = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    /** What the server sent that needs no answer (chan_websocket's {@code HANGUP}, say), in order. */
    final List<String> ignored = new CopyOnWriteArrayList<>();
    private final Playback playback = new Playback();
    private final Sinks.Many<WireMessage> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private volatile boolean speaking;
    private volatile long lastAudioAt;
    private volatile @Nullable String subprotocol;
    private volatile int closeStatus = -1;
    private volatile long closedAt;
    private volatile long playoutEndAtClose;

    GatewayTestCaller(Gateway gateway, CallSetup setup) {
        this(gateway, setup, ThreadLocalRandom.current());
    }

    /** A caller whose ids come from {@code ids}: two callers given equally seeded generators are the same call. */
    GatewayTestCaller(Gateway gateway, CallSetup setup, RandomGenerator ids) {
        this.wire = gateway.webSocketWire(setup, ids);
    }

    Mono<Void> dial(int port) {
        WebSocketWire.Upgrade upgrade = wire.upgrade();
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder();
        if (upgrade.subprotocol() != null) {
            spec.protocols(upgrade.subprotocol());
        }
        return HttpClient.create()
                .headers(headers -> upgrade.headers().forEach(headers::set))
                .websocket(spec.build())
                .uri(URI.create("ws://localhost:" + port + upgrade.pathAndQuery()))
                .handle(this::exchange)
                .then();
    }

    /** Dials and keeps the connection open in the background; dispose it after {@link #hangUp()}. */
    Disposable connect(int port) {
        return dial(port).subscribe(done -> { }, error -> problems.add("connection: " + error));
    }

    private Mono<Void> exchange(WebsocketInbound in, WebsocketOutbound out) {
        subprotocol = out.selectedSubprotocol();
        synchronized (this) {
            wire.opening().forEach(outgoing::tryEmitNext);
        }
        Disposable ticking = Flux.interval(Duration.ofMillis(20)).subscribe(tick -> tick());
        in.receiveCloseStatus().subscribe(status -> closed(status.code()));
        Mono<Void> receive = in.aggregateFrames(1 << 20).receiveFrames()
                .filter(frame -> frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
                .map(GatewayTestCaller::copy)
                .doOnNext(this::onMessage)
                .then();
        // The hang-up completes the outgoing messages; then the socket closes, as a gateway's does (for
        // FreeSWITCH, jambonz, Vonage and Asterisk the close is the hang-up).
        Mono<Void> send = out.sendObject(outgoing.asFlux().map(GatewayTestCaller::frame)).then()
                .then(out.sendClose(1000, "caller hung up").onErrorResume(error -> Mono.empty()));
        return Mono.when(send, receive)
                .doFinally(signal -> ticking.dispose());
    }

    @Nullable String subprotocol() {
        return subprotocol;
    }

    void say(Duration duration) throws InterruptedException {
        speaking = true;
        Thread.sleep(duration.toMillis());
        speaking = false;
    }

    /** Waits for the agent to start answering (more audio than {@code before}), then to finish. */
    boolean awaitAnswer(int before, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (audioReceived.get() <= before) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return awaitAgentQuiet(quiet, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Waits until the agent has been quiet (nothing left to play, nothing new) for {@code quiet}. */
    boolean awaitAgentQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            synchronized (this) {
                if (!playback.playing(now) && now - lastAudioAt > quiet.toNanos() && audioReceived.get() > 0) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    private synchronized void closed(int status) {
        closedAt = System.nanoTime();
        playoutEndAtClose = playback.playoutEnd();
        closeStatus = status;
    }

    /** The status of the server's close frame; -1 while open. */
    int closeStatus() {
        return closeStatus;
    }

    /** How long (ns) the audio received before the close still had to play when the close arrived; negative: it had played. */
    long stillPlayingAtClose() {
        return playoutEndAtClose - closedAt;
    }

    synchronized void hangUp() {
        wire.hangUp().forEach(outgoing::tryEmitNext);
        outgoing.tryEmitComplete();
    }

    synchronized void sendRaw(WireMessage message) {
        outgoing.tryEmitNext(message);
    }

    private synchronized void tick() {
        playback.reachedMarks(System.nanoTime()).forEach(name -> wire.markPlayed(name).forEach(outgoing::tryEmitNext));
        outgoing.tryEmitNext(wire.audio(speaking ? SPEECH : SILENCE));
    }

    private synchronized void onMessage(WireMessage message) {
        long now = System.nanoTime();
        switch (wire.read(message)) {
            case ServerMessage.Media media -> {
                audioReceived.incrementAndGet();
                loudestSample.accumulateAndGet(media.peak(), Math::max);
                lastAudioAt = now;
                playback.append(media.audioBytes(), now);
            }
            case ServerMessage.Mark mark -> {
                marks.incrementAndGet();
                playback.mark(mark.name(), now);
            }
            case ServerMessage.Clear clear -> {
                clears.incrementAndGet();
                wire.cleared(playback.clear(now)).forEach(outgoing::tryEmitNext);
            }
            case ServerMessage.Ignored needsNoAnswer -> ignored.add(needsNoAnswer.what());
            case ServerMessage.Invalid invalid -> problems.add(invalid.reason());
        }
    }

    private static WebSocketFrame frame(WireMessage message) {
        return switch (message) {
            case WireMessage.Text text -> new TextWebSocketFrame(text.text());
            case WireMessage.Binary binary -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binary.bytes()));
        };
    }

    private static WireMessage copy(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame text
                ? new WireMessage.Text(text.text())
                : new WireMessage.Binary(ByteBufUtil.getBytes(frame.content()));
    }

    private static byte[] filled(byte value) {
        byte[] frame = new byte[160];
        java.util.Arrays.fill(frame, value);
        return frame;
    }

    private static byte[] speechFrame() {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            double t = i / 8000.0;
            double voice = Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 300 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t);
            frame[i] = G711.linearToMulaw((int) (6000 * voice));
        }
        return frame;
    }
}
