package io.firstbyte.fakes.elevenlabs;

import io.firstbyte.fakes.voice.FakeVoice;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local ElevenLabs stream-input server ({@code /v1/text-to-speech/{voice}/stream-input}) on a
 * free port. It checks the {@code xi-api-key} header (401 otherwise) and answers each socket like
 * ElevenLabs: the first message must be BOS (a single space; otherwise it closes 1008); text is
 * buffered; {@code flush:true} or EOS ({@code "text":""}) speaks it through the {@link FakeVoice} as
 * base64 {@code audio} messages with {@code alignment} listing the characters each chunk speaks; EOS
 * ends with {@code isFinal:true} and a normal close. Error mode sends an error message and closes 1011.
 */
public final class FakeElevenLabsServer implements AutoCloseable {

    private final String key;
    private final FakeVoice voice = new FakeVoice();
    private final List<FakeElevenLabsConnection> connections = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private FakeElevenLabsServer(String key, int port) {
        this.key = key;
        this.server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes.get("/v1/text-to-speech/{voice}/stream-input", this::socket))
                .bindNow();
    }

    public static FakeElevenLabsServer start(String key) {
        return new FakeElevenLabsServer(key, 0);
    }

    /** On a fixed port (0: any free one), for a benchmark run others connect to. */
    public static FakeElevenLabsServer start(String key, int port) {
        return new FakeElevenLabsServer(key, port);
    }

    /** The base URL to configure ({@code ws://127.0.0.1:port}). */
    public String baseUrl() {
        return "ws://127.0.0.1:" + server.port();
    }

    public FakeVoice voice() {
        return voice;
    }

    public List<FakeElevenLabsConnection> connections() {
        return List.copyOf(connections);
    }

    private Publisher<Void> socket(HttpServerRequest request, HttpServerResponse response) {
        if (!key.equals(request.requestHeaders().get("xi-api-key"))) {
            return response.status(401).sendString(Mono.just("{\"detail\":{\"status\":\"invalid_api_key\"}}"));
        }
        Map<String, String> query = new LinkedHashMap<>();
        new QueryStringDecoder(request.uri()).parameters().forEach((name, values) -> query.put(name, values.getFirst()));
        query.put("voice", request.param("voice"));
        FakeElevenLabsConnection connection = new FakeElevenLabsConnection(voice, query);
        connections.add(connection);
        return response.sendWebsocket(connection::handle);
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
