package io.firstbyte.fakes.openai;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A local OpenAI-compatible Chat Completions server on a free port: {@code POST /v1/chat/completions}
 * answers with the next queued {@link FakeReply} (or the fallback function's), streamed as
 * server-sent events byte for byte as documented; {@code GET /v1/models} answers an empty list.
 * It records every request and counts streams the client abandoned (barge-in).
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
 *     server.enqueue(FakeReply.toolCalls("", new ToolCall("call_1", "check_availability", "{...}")));
 *     server.enqueue(FakeReply.text("Tuesday at ten is free. "));
 *     new OpenAiChatModel(OpenAiConfig.of("fake", server.baseUrl(), "sk-test", "fake-model"));
 * }
 * }</pre>
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private final Deque<FakeReply> queue = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile Function<RecordedRequest, FakeReply> fallback =
            request -> FakeReply.error(500, "server_error", "no_script", "the fake has no reply queued");
    private final DisposableServer server;

    private FakeOpenAiServer(int port) {
        server = HttpServer.create().host("127.0.0.1").port(port)
                .route(routes -> routes
                        .post("/v1/chat/completions", this::complete)
                        .get("/v1/models", this::models))
                .bindNow();
    }

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer(0);
    }

    /** On a fixed port (0: any free one), for a benchmark run others connect to. */
    public static FakeOpenAiServer start(int port) {
        return new FakeOpenAiServer(port);
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    public FakeOpenAiServer enqueue(FakeReply reply) {
        queue.add(reply);
        return this;
    }

    /** Answers requests when the queue is empty (for example a scripted conversation). */
    public FakeOpenAiServer respondWith(Function<RecordedRequest, FakeReply> replies) {
        fallback = replies;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Streams that ended because the client went away (cancel, barge-in), not because the reply was done. */
    public int abandonedStreams() {
        return abandoned.get();
    }

    private Publisher<Void> models(HttpServerRequest request, HttpServerResponse response) {
        requests.add(record(request, ""));
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just("{\"object\":\"list\",\"data\":[]}"));
    }

    private static RecordedRequest record(HttpServerRequest request, String body) {
        return new RecordedRequest(request.method().name(), request.uri(), headers(request), body,
                request.remoteAddress() == null ? -1 : request.remoteAddress().getPort());
    }

    private Publisher<Void> complete(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
            RecordedRequest recorded = record(request, body);
            requests.add(recorded);
            FakeReply queued = queue.poll();
            FakeReply reply = queued != null ? queued : fallback.apply(recorded);
            return Mono.delay(reply.firstByte).then(Mono.defer(() -> write(reply, response)));
        });
    }

    private Mono<Void> write(FakeReply reply, HttpServerResponse response) {
        reply.headers.forEach(response::header);
        if (reply.status != 200) {
            return response.status(reply.status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .sendString(Mono.just(reply.errorBody)).then();
        }
        return response.status(200).header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .sendString(body(reply).doFinally(signal -> {
                    if (signal == SignalType.CANCEL) {
                        abandoned.incrementAndGet();
                    }
                })).then();
    }

    private static Flux<String> body(FakeReply reply) {
        Flux<String> events = Flux.fromIterable(reply.events);
        if (!reply.between.isZero()) {
            events = events.concatMap(event -> Mono.just(event).delayElement(reply.between));
        }
        if (reply.disconnectAfter >= 0) {
            return events.take(reply.disconnectAfter).concatWith(Flux.error(new IOException("fake disconnect")));
        }
        if (reply.stallAfter >= 0) {
            return events.take(reply.stallAfter).concatWith(Flux.never());
        }
        return events;
    }

    private static Map<String, String> headers(HttpServerRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(entry -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
        return headers;
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
