package io.firstbyte.adapters.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A local fake of one REST endpoint for the gateways' REST clients: it records every request (method, URI,
 * headers by lower-case name, body) and answers each with the status and JSON body it was last given,
 * after an optional delay. Closing it stops the server.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** One request as the fake received it; {@code headers} by lower-case name. */
    public record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    private record Answer(int status, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Answer answer;
    private volatile Duration answerAfter = Duration.ZERO;
    private final DisposableServer server;

    private RecordingHttpServer(int status, String body) {
        this.answer = new Answer(status, body);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(text -> {
                    Map<String, String> headers = new HashMap<>();
                    request.requestHeaders().forEach(entry -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
                    received.add(new Received(request.method().name(), request.uri(), headers, text));
                    Answer now = answer;
                    return Mono.delay(answerAfter).then(now.body().isEmpty() ? response.status(now.status()).send().then()
                            : response.status(now.status()).header("Content-Type", "application/json")
                                    .sendString(Mono.just(now.body())).then());
                }))
                .bindNow();
    }

    /** A fake answering every request with {@code status} and the JSON {@code body} (empty: no body). */
    public static RecordingHttpServer answering(int status, String body) {
        return new RecordingHttpServer(status, body);
    }

    /** From now on, answers {@code status} with the JSON {@code body} (empty: no body). */
    public void answer(int status, String body) {
        this.answer = new Answer(status, body);
    }

    /** From now on, answers only after {@code delay}. */
    public void answerAfter(Duration delay) {
        this.answerAfter = delay;
    }

    /** {@code http://127.0.0.1:<port>}, the base URL a client under test is given. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
