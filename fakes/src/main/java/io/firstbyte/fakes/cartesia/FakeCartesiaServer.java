package io.firstbyte.fakes.cartesia;

import io.firstbyte.fakes.voice.FakeVoice;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Cartesia TTS WebSocket server ({@code /tts/websocket}) on a free port. It checks
 * {@code X-API-Key} and {@code Cartesia-Version} (401 otherwise) and answers each socket like
 * Cartesia: per context, text is buffered until a flush (or the final {@code continue:false}),
 * then spoken by the {@link FakeVoice} as base64 {@code chunk} messages tagged with the flush id,
 * followed by {@code flush_done}; the end of a context gives {@code done}. A {@code cancel} stops
 * the context, though one chunk already on its way still arrives, as with the real service.
 */
public final class FakeCartesiaServer implements AutoCloseable {

    private final String key;
    private final FakeVoice voice = new FakeVoice();
    private final List<FakeCartesiaConnection> connections = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private FakeCartesiaServer(String key, int port) {
        this.key = key;
        this.server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/tts/websocket", this::socket))
                .bindNow();
    }

    public static FakeCartesiaServer start(String key) {
        return new FakeCartesiaServer(key, 0);
    }

    /** On a fixed port (0: any free one), for a benchmark run others connect to. */
    public static FakeCartesiaServer start(String key, int port) {
        return new FakeCartesiaServer(key, port);
    }

    public String url() {
        return "ws://127.0.0.1:" + server.port() + "/tts/websocket";
    }

    /** The voice's timing and failure mode, for every socket. */
    public FakeVoice voice() {
        return voice;
    }

    public List<FakeCartesiaConnection> connections() {
        return List.copyOf(connections);
    }

    private Publisher<Void> socket(HttpServerRequest request, HttpServerResponse response) {
        String version = request.requestHeaders().get("Cartesia-Version", "");
        if (!key.equals(request.requestHeaders().get("X-API-Key")) || version.isEmpty()) {
            return response.status(401).sendString(reactor.core.publisher.Mono.just("{\"error\":\"Invalid API key\"}"));
        }
        FakeCartesiaConnection connection = new FakeCartesiaConnection(voice);
        connections.add(connection);
        return response.sendWebsocket(connection::handle);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
