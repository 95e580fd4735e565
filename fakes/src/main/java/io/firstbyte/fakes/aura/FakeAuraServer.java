package io.firstbyte.fakes.aura;

import io.firstbyte.fakes.voice.FakeVoice;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local Deepgram Aura speak server ({@code /v1/speak}) on a free port. It checks
 * {@code Authorization: Token <key>} (401 with {@code dg-error} otherwise) and answers each socket
 * like Aura: {@code Speak} text is buffered, {@code Flush} speaks it through the {@link FakeVoice}
 * as BINARY frames and then sends {@code Flushed}; {@code Clear} drops buffered text and stops the
 * audio in progress (one frame already on its way still arrives), then sends {@code Cleared};
 * {@code Close} closes the socket. The error mode closes with 1011, as Aura reports errors.
 */
public final class FakeAuraServer implements AutoCloseable {

    private final String key;
    private final FakeVoice voice = new FakeVoice();
    private final List<FakeAuraConnection> connections = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private FakeAuraServer(String key, int port) {
        this.key = key;
        this.server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/v1/speak", this::socket))
                .bindNow();
    }

    public static FakeAuraServer start(String key) {
        return new FakeAuraServer(key, 0);
    }

    /** On a fixed port (0: any free one), for a benchmark run others connect to. */
    public static FakeAuraServer start(String key, int port) {
        return new FakeAuraServer(key, port);
    }

    public String url() {
        return "ws://127.0.0.1:" + server.port() + "/v1/speak";
    }

    public FakeVoice voice() {
        return voice;
    }

    public List<FakeAuraConnection> connections() {
        return List.copyOf(connections);
    }

    private Publisher<Void> socket(HttpServerRequest request, HttpServerResponse response) {
        if (!("Token " + key).equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
            return response.status(401).header("dg-error", "Invalid credentials.").send();
        }
        Map<String, String> query = new LinkedHashMap<>();
        new QueryStringDecoder(request.uri()).parameters().forEach((name, values) -> query.put(name, values.getFirst()));
        FakeAuraConnection connection = new FakeAuraConnection(voice, query);
        connections.add(connection);
        return response.sendWebsocket(connection::handle);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
