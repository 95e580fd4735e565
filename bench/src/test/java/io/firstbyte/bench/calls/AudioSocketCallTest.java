package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.CallerTiming;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.caller.SpokenScript;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.pipeline.transport.WireMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * The simulator's AudioSocket transport against a hand-made dial-plan endpoint and TCP listener on
 * loopback: the registration comes first and carries the UUID the TCP stream then opens with; a
 * refused registration never connects; a listener that hangs up mid-call is an unexpected close.
 */
class AudioSocketCallTest {

    private final FrameClock clock = new FrameClock(System::nanoTime);
    private final Map<String, String> registered = new ConcurrentHashMap<>();
    private final List<UUID> uuidsReceived = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private DisposableServer http;
    private DisposableServer listener;

    @AfterEach
    void stop() {
        clock.close();
        if (http != null) {
            http.disposeNow();
        }
        if (listener != null) {
            listener.disposeNow();
        }
    }

    @Test
    void aRefusedRegistrationIsAConnectionFailureAndNothingConnects() {
        startServers(401);

        CallResult result = call();

        assertThat(result.errorCounts()).containsOnlyKeys(ErrorKind.CONNECTION_FAILURE);
        assertThat(result.errorDetails()).singleElement().asString().contains("registration answered 401");
        assertThat(connections).hasValue(0);
    }

    @Test
    void theCallIsRegisteredUnderTheUuidItsStreamOpensWithAndAnEarlyHangUpIsAnUnexpectedClose() {
        startServers(204);

        CallResult result = call();

        assertThat(uuidsReceived).singleElement().hasToString(registered.get("uuid"));
        assertThat(registered).containsEntry("from", "+15550001111").containsEntry("to", "+15550100100")
                .containsEntry("lines", "Hi.");
        assertThat(result.errorCounts()).containsOnlyKeys(ErrorKind.UNEXPECTED_CLOSE);
        assertThat(result.completed()).isFalse();
    }

    /** The listener reads the UUID frame, answers with two slin frames in one write, then closes. */
    private void startServers(int registrationStatus) {
        http = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/audiosocket/calls", (request, response) -> request.receive().aggregate().asString()
                        .doOnNext(body -> new QueryStringDecoder(body, false).parameters()
                                .forEach((name, values) -> registered.put(name, values.getFirst())))
                        .then(response.status(registrationStatus).send())))
                .bindNow();
        listener = TcpServer.create().host("127.0.0.1").port(0)
                .doOnConnection(connection -> {
                    connections.incrementAndGet();
                    connection.addHandlerLast(AudioSocketCall.frameDecoder());
                })
                .handle((in, out) -> in.receive().next()
                        .doOnNext(frame -> {
                            ByteBuffer id = ByteBuffer.wrap(ByteBufUtil.getBytes(frame), 3, 16);
                            uuidsReceived.add(new UUID(id.getLong(), id.getLong()));
                        })
                        .then(out.send(Mono.just(Unpooled.wrappedBuffer(slin(), slin()))).then())
                        .then(Mono.delay(Duration.ofMillis(200)).then()))
                .bindNow();
    }

    private CallResult call() {
        Sinks.Many<WireMessage> outgoing = Sinks.many().unicast().onBackpressureBuffer();
        CallSetup setup = new CallSetup("+15550001111", "+15550100100", Map.of("lines", "Hi."), "");
        CallSession session = new CallSession(SpokenScript.of(new CallerScript(List.of("Hi."), 0)), CallerTiming.DEFAULTS,
                Gateway.AUDIOSOCKET.wire(setup, new SplittableRandom(11)), new CallSimulator.SinkOutbound(outgoing));
        TcpClient tcp = TcpClient.newConnection().host("127.0.0.1").port(listener.port());
        AudioSocketCall transport = new AudioSocketCall(HttpClient.create(), URI.create("http://127.0.0.1:" + http.port()), tcp,
                clock, System::nanoTime, Duration.ofSeconds(10));
        return transport.run(session, outgoing.asFlux()).block(Duration.ofSeconds(15));
    }

    private static byte[] slin() {
        byte[] frame = new byte[3 + 320];
        frame[0] = 0x10;
        frame[1] = 0x01;
        frame[2] = 0x40;
        return frame;
    }
}
