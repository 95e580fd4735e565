package io.firstbyte.adapters.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverLanguageModel;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.GuardedLanguageModel;
import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.RecordedRequest;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The Chat Completions streaming protocol, against a local fake that speaks it byte for byte. */
class OpenAiChatModelIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CallContext CALL = new CallContext("call-7", "s", "+15550001111", "+15550002222", Map.of(), Map.of());
    private static final ToolSpec AVAILABILITY = new ToolSpec("check_availability", "Free slots for a service on a date",
            "{\"type\":\"object\",\"properties\":{\"service\":{\"type\":\"string\"},\"date\":{\"type\":\"string\",\"format\":\"date\"}},"
                    + "\"required\":[\"service\",\"date\"]}");
    private static final ModelRequest HELLO = new ModelRequest(CALL,
            List.of(new ChatMessage.System("You are a receptionist."), new ChatMessage.User("Hi")), List.of());

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final List<TokenUsage> usage = new CopyOnWriteArrayList<>();
    private final OpenAiChatModel model = new OpenAiChatModel(
            OpenAiConfig.of("fake-openai", server.baseUrl(), "sk-secret-key", "fake-model"), usage::add);

    @AfterEach
    void stop() {
        model.dispose();
        server.close();
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void textArrivesAsDeltasThenTheFinishReason() {
        server.enqueue(FakeReply.text("Sure, Tuesday works. "));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Sure, "), new ModelTextDelta("Tuesday "), new ModelTextDelta("works. "))
                .expectNext(new ModelFinished("stop"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theRequestCarriesModelStreamingOptionsAndTheBearerKey() {
        server.enqueue(FakeReply.text("Hi. "));
        StepVerifier.create(model.stream(HELLO)).expectNextCount(2).expectComplete().verify(WAIT);

        RecordedRequest request = server.requests().getFirst();
        JsonNode body = request.json();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("authorization")).isEqualTo("Bearer sk-secret-key");
        assertThat(request.header("accept")).isEqualTo("text/event-stream");
        assertThat(body.path("model").asString()).isEqualTo("fake-model");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(body.has("tools")).as("no tools, no tools field").isFalse();
    }

    @Test
    void toolCallsAndTheirResultsGoBackAsAssistantAndToolMessagesWithTheToolSchemas() {
        server.enqueue(FakeReply.text("Ten is free. "));
        ToolCall call = new ToolCall("call_1", "check_availability", "{\"service\":\"haircut\",\"date\":\"2026-11-24\"}");
        ModelRequest request = new ModelRequest(CALL, List.of(new ChatMessage.User("Haircut Tuesday?"),
                new ChatMessage.Assistant("", List.of(call)),
                new ChatMessage.ToolOutput("call_1", "check_availability", "{\"slots\":[\"10:00\"]}")), List.of(AVAILABILITY));

        StepVerifier.create(model.stream(request)).expectNextCount(4).expectComplete().verify(WAIT);

        JsonNode body = server.requests().getFirst().json();
        JsonNode assistant = body.path("messages").get(1);
        assertThat(assistant.path("content").isNull()).isTrue();
        assertThat(assistant.path("tool_calls").get(0).path("function").path("arguments").asString()).isEqualTo(call.arguments());
        assertThat(body.path("messages").get(2).path("role").asString()).isEqualTo("tool");
        assertThat(body.path("messages").get(2).path("tool_call_id").asString()).isEqualTo("call_1");
        JsonNode function = body.path("tools").get(0).path("function");
        assertThat(function.path("name").asString()).isEqualTo("check_availability");
        assertThat(function.path("parameters").path("required").get(1).asString()).isEqualTo("date");
        assertThat(body.path("tool_choice").asString()).isEqualTo("auto");
    }

    @Test
    void toolCallFragmentsAreAssembledByIndexAndEmittedComplete() {
        ToolCall first = new ToolCall("call_1", "check_availability", "{\"service\":\"haircut\",\"date\":\"2026-11-24\"}");
        ToolCall second = new ToolCall("call_2", "check_availability", "{\"service\":\"color\",\"date\":\"2026-11-25\"}");
        server.enqueue(FakeReply.toolCalls("Let me check. ", first, second));

        StepVerifier.create(model.stream(new ModelRequest(CALL, HELLO.messages(), List.of(AVAILABILITY))))
                .expectNext(new ModelTextDelta("Let me check. "))
                .expectNext(new ToolCallRequested(first), new ToolCallRequested(second))
                .expectNext(new ModelFinished("tool_calls"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void interleavedParallelFragmentsAreKeptApart() {
        server.enqueue(FakeReply.events(
                FakeReply.chunk(FakeReply.toolFragment(0, "call_a", "book", ""), null),
                FakeReply.chunk(FakeReply.toolFragment(1, "call_b", "cancel", ""), null),
                FakeReply.chunk(FakeReply.toolFragment(0, null, null, "{\"x\":"), null),
                FakeReply.chunk(FakeReply.toolFragment(1, null, null, "{\"y\":2}"), null),
                FakeReply.chunk(FakeReply.toolFragment(0, null, null, "1}"), null),
                FakeReply.chunk(FakeReply.delta(), "tool_calls"),
                "[DONE]"));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ToolCallRequested(new ToolCall("call_a", "book", "{\"x\":1}")))
                .expectNext(new ToolCallRequested(new ToolCall("call_b", "cancel", "{\"y\":2}")))
                .expectNext(new ModelFinished("tool_calls"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void toolCallsAreRunEvenWhenALocalServerSaysStop() {
        server.enqueue(FakeReply.events(
                FakeReply.chunk(FakeReply.toolFragment(0, "call_1", "book", "{}"), null),
                FakeReply.chunk(FakeReply.delta(), "stop"),
                "[DONE]"));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ToolCallRequested(new ToolCall("call_1", "book", "{}")), new ModelFinished("stop"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void commentsCrlfLineEndsAndSplitWritesAreReadLikeAnyOtherStream() {
        String chunk = FakeReply.chunk(FakeReply.delta().put("content", "Hello"), null);
        server.enqueue(FakeReply.rawStream(": keep-alive\r\n\r\n", "data: " + chunk.substring(0, 20), chunk.substring(20) + "\r\n\r\n",
                "data: [DONE]\r\n\r\n").eventsEvery(Duration.ofMillis(20)));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Hello"), new ModelFinished("stop"))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void usageFromTheLastChunkGoesToTheListener() {
        server.enqueue(FakeReply.text("One two. "));
        StepVerifier.create(model.stream(HELLO)).expectNextCount(3).expectComplete().verify(WAIT);

        assertThat(usage).containsExactly(new TokenUsage("fake-openai", "fake-model", "call-7", 12, 2));
    }

    @Test
    void rateLimitedIsTransientAndKeepsRetryAfter() {
        server.enqueue(FakeReply.error(429, "requests", "rate_limit_exceeded", "Rate limit reached").header("Retry-After", "2"));

        StepVerifier.create(model.stream(HELLO))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ProviderFailure.class);
                    ProviderFailure failure = (ProviderFailure) error;
                    assertThat(failure.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
                })
                .verify(WAIT);
    }

    @Test
    void anExhaustedQuotaIsARateLimitNotWorthRetrying() {
        server.enqueue(FakeReply.error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota"));

        StepVerifier.create(model.stream(HELLO))
                .expectErrorSatisfies(error -> assertThat(((ProviderFailure) error).retryable()).isFalse())
                .verify(WAIT);
    }

    @Test
    void serverErrorsAndBadKeysAreClassifiedByStatus() {
        server.enqueue(FakeReply.error(503, "server_error", "overloaded", "The server is overloaded").header("retry-after-ms", "150"));
        server.enqueue(FakeReply.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-secret-key"));

        StepVerifier.create(model.stream(HELLO))
                .expectErrorSatisfies(error -> {
                    assertThat(category(error, ErrorCategory.SERVER)).isTrue();
                    assertThat(((ProviderFailure) error).retryAfter()).contains(Duration.ofMillis(150));
                })
                .verify(WAIT);
        StepVerifier.create(model.stream(HELLO))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION) && !error.getMessage().contains("sk-secret"))
                .verify(WAIT);
    }

    @Test
    void anErrorEventMidStreamEndsTheStreamClassified() {
        server.enqueue(FakeReply.events(FakeReply.chunk(FakeReply.delta().put("content", "Let"), null),
                FakeReply.errorEvent("server_error", "internal", "The model crashed")));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Let"))
                .expectErrorMatches(error -> category(error, ErrorCategory.SERVER) && error.getMessage().contains("model crashed"))
                .verify(WAIT);
    }

    @Test
    void aDisconnectMidStreamIsAConnectivityFailure() {
        server.enqueue(FakeReply.text("Sure, Tuesday works. ").disconnectAfter(2));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Sure, "))
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY))
                .verify(WAIT);
    }

    @Test
    void aBodyThatEndsWithoutDoneIsABrokenStream() {
        server.enqueue(FakeReply.events(FakeReply.chunk(FakeReply.delta().put("content", "Sure"), null)));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Sure"))
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY) && error.getMessage().contains("[DONE]"))
                .verify(WAIT);
    }

    @Test
    void garbageInsteadOfJsonIsAProtocolFailure() {
        server.enqueue(FakeReply.events("{not json"));

        StepVerifier.create(model.stream(HELLO))
                .expectErrorMatches(error -> category(error, ErrorCategory.PROTOCOL))
                .verify(WAIT);
    }

    @Test
    void bargeInClosesTheRequestAtTheServer() {
        server.enqueue(FakeReply.text("Sure, Tuesday works. ").stallAfter(2));

        StepVerifier.create(model.stream(HELLO))
                .expectNext(new ModelTextDelta("Sure, "))
                .thenCancel()
                .verify(WAIT);

        awaitTrue(() -> server.abandonedStreams() == 1);
    }

    @Test
    void aSlowFirstByteTimesOutAndTheNextProviderAnswers() {
        server.enqueue(FakeReply.text("Late. ").firstByteAfter(Duration.ofSeconds(3)));
        try (FakeOpenAiServer backup = FakeOpenAiServer.start()) {
            backup.enqueue(FakeReply.text("Backup here. "));
            OpenAiChatModel backupModel = new OpenAiChatModel(OpenAiConfig.of("backup", backup.baseUrl(), "k", "m"));
            GuardSettings fast = GuardSettings.MODEL_DEFAULTS.withRetries(0).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));
            // Only the first provider is meant to time out: the backup's fresh connection gets a busy machine's time.
            GuardSettings patient = GuardSettings.MODEL_DEFAULTS.withRetries(0).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
            FailoverLanguageModel models = new FailoverLanguageModel(List.of(
                    new GuardedLanguageModel(model, new ProviderGuard("primary", fast, Schedulers.parallel())),
                    new GuardedLanguageModel(backupModel, new ProviderGuard("backup", patient, Schedulers.parallel()))));

            StepVerifier.create(models.stream(HELLO))
                    .expectNext(new ModelTextDelta("Backup "), new ModelTextDelta("here. "), new ModelFinished("stop"))
                    .expectComplete()
                    .verify(WAIT);
            backupModel.dispose();
        }
    }

    @Test
    void sequentialTurnsReuseOneKeptAliveConnection() {
        server.enqueue(FakeReply.text("One. ")).enqueue(FakeReply.text("Two. ")).enqueue(FakeReply.text("Three. "));
        for (int i = 0; i < 3; i++) {
            StepVerifier.create(model.stream(HELLO)).expectNextCount(2).expectComplete().verify(WAIT);
        }

        // A turn can complete before its connection is back in the pool (released on the event loop just
        // after), so the next may open another; without keep-alive each of the three turns would.
        assertThat(server.requests().stream().map(RecordedRequest::clientPort).distinct().count())
                .as("connections used by three sequential turns").isLessThan(3);
    }

    @Test
    void warmUpOpensAConnectionTheFirstTurnThenReuses() {
        // The warm-up's answer can complete just before its connection is back in the pool (released on the
        // event loop after); a call's first turn comes seconds later, so this one waits until it is back.
        AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();
        ConnectionProvider watched = ConnectionProvider.builder("watched").maxConnections(4).lifo()
                .metrics(true, () -> (name, id, address, metrics) -> pool.set(metrics)).build();
        OpenAiChatModel warmed = new OpenAiChatModel(OpenAiConfig.of("fake-openai", server.baseUrl(), "sk-secret-key",
                "fake-model"), usage::add, watched);
        try {
            StepVerifier.create(warmed.warmUp()).expectComplete().verify(WAIT);
            Flux.interval(Duration.ofMillis(5)).filter(tick -> pool.get() != null && pool.get().idleSize() == 1)
                    .next().block(WAIT);
            server.enqueue(FakeReply.text("Hi. "));
            StepVerifier.create(warmed.stream(HELLO)).expectNextCount(2).expectComplete().verify(WAIT);

            assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/v1/models", "/v1/chat/completions");
            assertThat(server.requests()).extracting(RecordedRequest::clientPort).containsOnly(server.requests().getFirst().clientPort());
        } finally {
            warmed.dispose();
        }
    }

    @Test
    void anUnreachableServerIsAConnectivityFailure() {
        OpenAiChatModel nowhere = new OpenAiChatModel(OpenAiConfig.of("nowhere", "http://127.0.0.1:1/v1", "k", "m"));

        StepVerifier.create(nowhere.stream(HELLO))
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY))
                .verify(WAIT);
        nowhere.dispose();
    }

    @Test
    void theConfigNeverShowsTheKey() {
        assertThat(model.config().toString()).doesNotContain("sk-secret-key").contains("apiKey=****");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20)).filter(tick -> condition.getAsBoolean()).next())
                .expectNextCount(1).expectComplete().verify(WAIT);
    }
}
