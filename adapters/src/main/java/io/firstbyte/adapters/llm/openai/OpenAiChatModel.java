package io.firstbyte.adapters.llm.openai;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.http.SseDecoder;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.ObjectMapper;

/**
 * A streaming chat model over any OpenAI-compatible Chat Completions server (OpenAI, Groq,
 * Together, Ollama, vLLM, llama.cpp): {@code POST {baseUrl}/chat/completions} with
 * {@code stream: true}, read as server-sent events.
 *
 * <p>Guarantees: text deltas are emitted as they arrive; each tool call is emitted once, complete,
 * when its choice finishes; {@code ModelFinished} carries the server's finish reason. Every failure
 * is a classified {@code ProviderException}: non-2xx answers by status (429 and 5xx keep their
 * {@code Retry-After}), error events mid-stream by their type, and a stream that breaks before
 * {@code [DONE]} as {@code CONNECTIVITY}. Cancelling the flux (barge-in) closes the request.
 *
 * <p>Cost: one keep-alive connection pool per instance, so turns reuse warm connections (call
 * {@link #warmUp()} at start-up to open one); nothing blocks. Usage counts go to the listener.
 * Wrap it in a {@code GuardedLanguageModel} for timeouts, breaker and retries.
 */
public final class OpenAiChatModel implements LanguageModel, Disposable {

    private final OpenAiConfig config;
    private final TokenUsage.Listener usage;
    private final ObjectMapper json = new ObjectMapper();
    private final ChatRequestWriter writer;
    private final ConnectionProvider pool;
    private final HttpClient client;

    public OpenAiChatModel(OpenAiConfig config) {
        this(config, TokenUsage.Listener.NONE);
    }

    public OpenAiChatModel(OpenAiConfig config, TokenUsage.Listener usage) {
        this(config, usage, ProviderHttp.pool(config.provider(), config.maxConnections(), config.maxIdle()));
    }

    /** The same over {@code pool}, which the model then owns (a test's, to see when a connection is back in it). */
    OpenAiChatModel(OpenAiConfig config, TokenUsage.Listener usage, ConnectionProvider pool) {
        this.config = config;
        this.usage = usage;
        this.writer = new ChatRequestWriter(json, config);
        this.pool = pool;
        this.client = ProviderHttp.pooledClient(pool, config.connectTimeout(), config.readTimeout())
                .headers(headers -> headers
                        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + config.apiKey())
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.ACCEPT, "text/event-stream"));
    }

    @Override
    public Flux<ModelOutput> stream(ModelRequest request) {
        return Flux.defer(() -> {
            byte[] body = writer.write(request);
            return client.headers(headers -> headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length))
                    .post().uri(config.baseUrl() + "/chat/completions")
                    .send((httpRequest, out) -> out.sendByteArray(Mono.just(body)))
                    .response((response, content) -> response.status().code() / 100 == 2
                            ? events(content, request.call().callId())
                            : refused(response, content));
        }).onErrorMap(error -> FailureClassifier.classify(config.provider(), error));
    }

    private Flux<ModelOutput> events(ByteBufFlux content, String callId) {
        SseDecoder decoder = new SseDecoder();
        ChunkReader reader = new ChunkReader(config.provider(), config.apiKey(), json, (prompt, completion) ->
                usage.usage(new TokenUsage(config.provider(), config.model(), callId, prompt, completion)));
        return content.asByteArray()
                .concatMapIterable(decoder::accept)
                .concatWith(Flux.defer(() -> Flux.fromIterable(decoder.finish())))
                .concatMapIterable(reader::read)
                .concatWith(Flux.defer(() -> Flux.fromIterable(reader.end())));
    }

    private Flux<ModelOutput> refused(HttpClientResponse response, ByteBufFlux content) {
        return content.aggregate().asString().defaultIfEmpty("")
                .flatMapMany(body -> Flux.error(OpenAiErrors.fromStatus(config.provider(), response.status().code(),
                        response.responseHeaders(), body, json, config.apiKey())));
    }

    /** Opens a pooled connection (DNS, TCP, TLS) ahead of the first turn; the answer's status is ignored. */
    public Mono<Void> warmUp() {
        return client.get().uri(config.baseUrl() + "/models")
                .responseSingle((response, content) -> content.then())
                .onErrorResume(error -> Mono.empty());
    }

    public OpenAiConfig config() {
        return config;
    }

    @Override
    public void dispose() {
        pool.dispose();
    }

    @Override
    public boolean isDisposed() {
        return pool.isDisposed();
    }
}
