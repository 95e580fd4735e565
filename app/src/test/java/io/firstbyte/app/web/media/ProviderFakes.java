package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.Disposable;

/**
 * A call IT's outside world: Deepgram listening, an OpenAI-compatible model answering with {@code model}
 * and Cartesia speaking, each a local fake of its protocol, plus the test's own database and this
 * machine's Redis under a fresh key prefix. A test class holds one in a static {@code @RegisterExtension}
 * field (the fakes and the database close after its tests), points the server at it from its
 * {@code @DynamicPropertySource} with {@link #register}, and places calls over the Twilio WebSocket with
 * {@link #dial} or {@link #callOnce}.
 */
final class ProviderFakes implements AfterAllCallback {

    /** The keys each fake accepts (and the server is given). */
    record Keys(String deepgram, String openAi, String cartesia) {
        static final Keys DEFAULT = new Keys("dg-key", "sk-key", "ca-key");
    }

    private final ItDatabase database;
    private final Keys keys;
    private final FakeDeepgramListenServer deepgram;
    private final FakeOpenAiServer model;
    private final FakeCartesiaServer cartesia;
    private final String redisKeyPrefix = "fbit" + ThreadLocalRandom.current().nextInt(1_000_000);

    private ProviderFakes(ItDatabase database, Keys keys, Function<RecordedRequest, FakeReply> model) {
        this.database = database;
        this.keys = keys;
        this.deepgram = FakeDeepgramListenServer.start(keys.deepgram()).resultLatency(Duration.ofMillis(50));
        this.model = FakeOpenAiServer.start().respondWith(model);
        this.cartesia = FakeCartesiaServer.start(keys.cartesia());
    }

    static ProviderFakes start(ItDatabase database, Function<RecordedRequest, FakeReply> model) {
        return new ProviderFakes(database, Keys.DEFAULT, model);
    }

    static ProviderFakes start(ItDatabase database, Keys keys, Function<RecordedRequest, FakeReply> model) {
        return new ProviderFakes(database, keys, model);
    }

    /** A model that says "Okay." to everything not {@linkplain FakeOpenAiServer#enqueue queued}. */
    static FakeReply okay(RecordedRequest request) {
        return FakeReply.text("Okay. ").firstByteAfter(Duration.ofMillis(100));
    }

    FakeDeepgramListenServer deepgram() {
        return deepgram;
    }

    FakeOpenAiServer model() {
        return model;
    }

    FakeCartesiaServer cartesia() {
        return cartesia;
    }

    String redisKeyPrefix() {
        return redisKeyPrefix;
    }

    /** Points the server at the fakes, the database and Redis. */
    void register(DynamicPropertyRegistry registry) {
        register(registry, false);
    }

    /**
     * The server's properties for these fakes. The fake model answers its scripted replies in order, so a
     * speculative request that is discarded (the fake STT's interims lag the words, as a real one's may)
     * would take the reply the confirmed turn was scripted to get: tests of anything but speculation run
     * without it.
     */
    void register(DynamicPropertyRegistry registry, boolean speculation) {
        registry.add("firstbyte.call.speculation", () -> speculation);
        registry.add("firstbyte.database.url", database::url);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> redisKeyPrefix);
        registry.add("firstbyte.providers.stt", () -> "deepgram");
        registry.add("firstbyte.providers.llm", () -> "openai");
        registry.add("firstbyte.providers.tts", () -> "cartesia");
        registry.add("firstbyte.providers.deepgram.api-key", keys::deepgram);
        registry.add("firstbyte.providers.deepgram.listen-url", deepgram::listenUrl);
        registry.add("firstbyte.providers.llm-servers.openai.api-key", keys::openAi);
        registry.add("firstbyte.providers.llm-servers.openai.base-url", model::baseUrl);
        registry.add("firstbyte.providers.llm-servers.openai.model", () -> "fake-model");
        registry.add("firstbyte.providers.cartesia.api-key", keys::cartesia);
        registry.add("firstbyte.providers.cartesia.url", cartesia::url);
        registry.add("firstbyte.providers.cartesia.voice", () -> "fake-voice");
        // The prompts these tests check need the tenant's catalog; on a starved machine its first load takes seconds.
        registry.add("firstbyte.call.prompt-catalog-wait", () -> "15s");
        registry.add("firstbyte.call.start-resolve-timeout", () -> "20s");
    }

    /** The model's chat requests from the {@code from}th request on. */
    List<RecordedRequest> chatRequests(int from) {
        List<RecordedRequest> all = model.requests();
        return all.subList(from, all.size()).stream().filter(request -> request.path().endsWith("/chat/completions")).toList();
    }

    /** What Cartesia was asked to say on the sockets opened since the {@code socketsFrom}th, clause by clause. */
    List<String> spoken(int socketsFrom) {
        return cartesia.connections().stream().skip(socketsFrom).flatMap(socket -> socket.requests().stream())
                .map(request -> request.path("transcript").asString("").strip()).filter(text -> !text.isEmpty()).toList();
    }

    /** Dials {@code to} from {@code from} over the Twilio WebSocket and waits for the greeting to play out. */
    PlacedCall dial(int port, String from, String to) throws InterruptedException {
        int firstRequest = model.requests().size();
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", from, "To", to)).subscribe();
        PlacedCall call = new PlacedCall(caller, connection, firstRequest);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
        } catch (AssertionError | InterruptedException e) {
            call.close();
            throw e;
        }
        return call;
    }

    /**
     * A call of one utterance: dials, says {@code utterance} once (as Deepgram hears it), waits until the
     * call's chat requests so far satisfy {@code done} (at most 30 s), hangs up; answers those requests.
     */
    List<RecordedRequest> callOnce(int port, String from, String to, String utterance, Predicate<List<RecordedRequest>> done)
            throws InterruptedException {
        deepgram.utterances(utterance);
        try (PlacedCall call = dial(port, from, to)) {
            call.say();
            call.awaitRequests(done);
            return call.modelRequests();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deepgram.close();
        model.close();
        cartesia.close();
        database.close();
    }

    /** A call in progress; closing it hangs up. */
    final class PlacedCall implements AutoCloseable {
        final TwilioTestCaller caller;
        private final Disposable connection;
        private final int firstRequest;

        private PlacedCall(TwilioTestCaller caller, Disposable connection, int firstRequest) {
            this.caller = caller;
            this.connection = connection;
            this.firstRequest = firstRequest;
        }

        /** The caller speaks for 1.5 s; Deepgram hears the next of its utterances. */
        void say() throws InterruptedException {
            caller.say(Duration.ofMillis(1500));
        }

        /** The model's chat requests of this call so far. */
        List<RecordedRequest> modelRequests() {
            return chatRequests(firstRequest);
        }

        /** Waits (at most 30 s) until this call's chat requests satisfy {@code done}; whether they did. */
        boolean awaitRequests(Predicate<List<RecordedRequest>> done) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(modelRequests())) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(50);
            }
            return true;
        }

        @Override
        public void close() {
            caller.hangUp();
            connection.dispose();
        }
    }
}
