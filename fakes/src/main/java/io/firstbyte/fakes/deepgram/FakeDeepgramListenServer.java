package io.firstbyte.fakes.deepgram;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Deepgram live-listen server ({@code /v1/listen}) on a free port. It checks
 * {@code Authorization: Token <key>} (401 with {@code dg-error} otherwise), can refuse handshakes
 * with any status, and gives each socket a {@link FakeListenConnection} that turns voiced audio
 * into the next scripted transcript ({@link #utterances}) the way Deepgram's endpointing does.
 * Tests reach each socket through {@link #connections()} to send, close or drop it.
 */
public final class FakeDeepgramListenServer implements AutoCloseable {

    private final String key;
    private final Deque<String> utterances = new ConcurrentLinkedDeque<>();
    private final List<FakeListenConnection> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private volatile int refusalStatus = 503;
    private volatile Duration idleTimeout = Duration.ofSeconds(10);
    private volatile Duration handshakeDelay = Duration.ZERO;
    private volatile Duration resultLatency = Duration.ZERO;
    private volatile boolean interimAtPauses;
    private volatile String otherwise = "";
    private volatile List<String> everyCall = List.of();
    private final DisposableServer server;

    private FakeDeepgramListenServer(String key, int port) {
        this.key = key;
        this.server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/v1/listen", this::listen))
                .bindNow();
    }

    public static FakeDeepgramListenServer start(String key) {
        return new FakeDeepgramListenServer(key, 0);
    }

    /** On a fixed port (0: any free one), for a benchmark run others connect to. */
    public static FakeDeepgramListenServer start(String key, int port) {
        return new FakeDeepgramListenServer(key, port);
    }

    /** The URL to configure as {@code DeepgramSttConfig.url}. */
    public String listenUrl() {
        return "ws://127.0.0.1:" + server.port() + "/v1/listen";
    }

    /** What the caller will be heard saying, utterance by utterance (an empty queue hears ""). */
    public FakeDeepgramListenServer utterances(String... transcripts) {
        utterances.addAll(List.of(transcripts));
        return this;
    }

    /** What every socket hears, utterance by utterance, after the shared {@link #utterances} (a benchmark's caller script). */
    public FakeDeepgramListenServer everyCall(List<String> transcripts) {
        everyCall = List.copyOf(transcripts);
        return this;
    }

    private java.util.function.Supplier<String> transcriptsFor(Deque<String> ownScript) {
        return () -> {
            String next = utterances.poll();
            if (next == null) {
                next = ownScript.poll();
            }
            return next == null ? otherwise : next;
        };
    }

    /** What the caller is heard saying once the scripted utterances ran out (by default nothing). */
    public FakeDeepgramListenServer otherwise(String transcript) {
        otherwise = transcript;
        return this;
    }

    /** The next {@code count} handshakes are refused with {@code status}. */
    public FakeDeepgramListenServer refuseHandshakes(int status, int count) {
        refusalStatus = status;
        refusals.set(count);
        return this;
    }

    /** How long a socket may go without audio or KeepAlive before it is closed 1011 NET-0001. */
    public FakeDeepgramListenServer idleTimeout(Duration timeout) {
        idleTimeout = timeout;
        return this;
    }

    /** Answers each later handshake only after {@code delay} (a slow reconnect). */
    public FakeDeepgramListenServer delayHandshakes(Duration delay) {
        handshakeDelay = delay;
        return this;
    }

    /** How long after the audio that causes it each message leaves (e.g. 200 ms, a typical final's delay). */
    /**
     * With {@code true}, an utterance's first silent frame (a pause, before endpointing decides) brings
     * an interim with the whole utterance, as Deepgram reports what it heard once the speech pauses;
     * otherwise interims lag the speech (the first half of the words).
     */
    public FakeDeepgramListenServer interimAtPauses(boolean whole) {
        interimAtPauses = whole;
        return this;
    }

    public FakeDeepgramListenServer resultLatency(Duration latency) {
        resultLatency = latency;
        return this;
    }

    public List<FakeListenConnection> connections() {
        return List.copyOf(connections);
    }

    private Publisher<Void> listen(HttpServerRequest request, HttpServerResponse response) {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return response.status(refusalStatus).header("dg-error", "refused by the fake").header("dg-request-id", "fake").send();
        }
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION, "");
        if (!authorization.equals("Token " + key)) {
            return response.status(401).header("dg-error", "Invalid credentials.").header("dg-request-id", "fake").send();
        }
        if (handshakeDelay.isZero()) {
            return accept(request, response, authorization);
        }
        // The upgrade must run on the connection's own event loop: upgrading from another thread races
        // with the client's first frames, which the server would then drop.
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Executor> loop = new java.util.concurrent.atomic.AtomicReference<>();
        request.withConnection(connection -> loop.set(connection.channel().eventLoop()));
        return Mono.delay(handshakeDelay, reactor.core.scheduler.Schedulers.fromExecutor(loop.get()))
                .then(Mono.defer(() -> accept(request, response, authorization)));
    }

    private Mono<Void> accept(HttpServerRequest request, HttpServerResponse response, String authorization) {
        FakeListenConnection connection = new FakeListenConnection(query(request.uri()), authorization,
                transcriptsFor(new java.util.ArrayDeque<>(everyCall)), idleTimeout, () -> resultLatency,
                () -> interimAtPauses);
        connections.add(connection);
        return Mono.from(response.sendWebsocket(connection::handle));
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> query = new LinkedHashMap<>();
        new QueryStringDecoder(uri).parameters().forEach((name, values) -> query.put(name, values.getFirst()));
        return query;
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
