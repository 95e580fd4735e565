package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.pipeline.tool.ToolCall;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code transfer_call} over Twilio with {@code TWILIO_TRANSFER=rest}: after the agent's line has played,
 * the live call is updated through Twilio's REST API (a local fake of the documented endpoint) with
 * {@code <Dial>} and the business's number, before the stream closes; when that update fails, the
 * action URL still answers {@code <Dial>}, so the caller is handed over either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.twilio-auth-token=12345", "firstbyte.telephony.public-url=https://voice.example.com",
                "firstbyte.telephony.start-timeout=2s", "firstbyte.booking.seed-demo=true",
                "firstbyte.handover.twilio-transfer=rest", "firstbyte.handover.twilio-account-sid=AC11111111111111111111111111111111",
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s",
                "firstbyte.call.speculation=false"}) // the fake model answers its scripted replies in order
class TwilioRestTransferIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);
    private static final TwilioSignature TWILIO = new TwilioSignature("12345");
    private static final String ACCOUNT = "AC11111111111111111111111111111111";
    private static final String CALLER = "+15550001111";
    private static final String HUMAN = "+15550009999";
    /** Wednesday 9 December 2026, 11:00 in New York: the demo salon is open. */
    private static final Instant OPEN = Instant.parse("2026-12-09T16:00:00Z");
    static final String KEY_PREFIX = "fbit" + ThreadLocalRandom.current().nextInt(1_000_000);

    static final ItDatabase DATABASE = ItDatabase.create(new MovableClock(OPEN, java.time.ZoneOffset.UTC));
    static final FakeDeepgramListenServer DEEPGRAM = FakeDeepgramListenServer.start("dg-key").resultLatency(Duration.ofMillis(50));
    static final FakeOpenAiServer MODEL = FakeOpenAiServer.start()
            .respondWith(request -> FakeReply.text("Okay. ").firstByteAfter(Duration.ofMillis(100)));
    static final FakeCartesiaServer CARTESIA = FakeCartesiaServer.start("ca-key");

    /** A recorded call update: path, Authorization and form body as the fake Twilio REST API received them. */
    record Update(String path, String authorization, String contentType, String body) {
    }

    static final List<Update> UPDATES = new CopyOnWriteArrayList<>();
    static final AtomicInteger REST_STATUS = new AtomicInteger(200);
    static final DisposableServer TWILIO_REST = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                UPDATES.add(new Update(request.uri(), request.requestHeaders().get("Authorization"),
                        request.requestHeaders().get("Content-Type"), body));
                return response.status(REST_STATUS.get()).header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"status\":\"in-progress\"}")).then();
            }))
            .bindNow();

    static {
        DATABASE.execute("update tenant set transfer_number = '" + HUMAN + "' where id = '" + StartupSeed.DEMO_TENANT_ID + "'");
    }

    @TestConfiguration
    static class BusinessHours {
        @Bean
        Clock clock() {
            return new MovableClock(OPEN, java.time.ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> KEY_PREFIX);
        registry.add("firstbyte.handover.twilio-api-url", () -> "http://127.0.0.1:" + TWILIO_REST.port());
        registry.add("firstbyte.providers.stt", () -> "deepgram");
        registry.add("firstbyte.providers.llm", () -> "openai");
        registry.add("firstbyte.providers.tts", () -> "cartesia");
        registry.add("firstbyte.providers.deepgram.api-key", () -> "dg-key");
        registry.add("firstbyte.providers.deepgram.listen-url", DEEPGRAM::listenUrl);
        registry.add("firstbyte.providers.llm-servers.openai.api-key", () -> "sk-key");
        registry.add("firstbyte.providers.llm-servers.openai.base-url", MODEL::baseUrl);
        registry.add("firstbyte.providers.llm-servers.openai.model", () -> "fake-model");
        registry.add("firstbyte.providers.cartesia.api-key", () -> "ca-key");
        registry.add("firstbyte.providers.cartesia.url", CARTESIA::url);
        registry.add("firstbyte.providers.cartesia.voice", () -> "fake-voice");
    }

    @AfterAll
    static void stopFakes() {
        DEEPGRAM.close();
        MODEL.close();
        CARTESIA.close();
        TWILIO_REST.disposeNow();
        DATABASE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    RedisConnector bookingRedis;

    @BeforeEach
    void redisAnswers() {
        await().atMost(GENEROUS).until(() -> "PONG".equals(bookingRedis.run(commands -> commands.ping())
                .onErrorReturn("down").block(Duration.ofSeconds(5))));
        UPDATES.clear();
    }

    @Test
    void theLiveCallIsUpdatedThroughTwiliosRestApiToDialTheBusinesssNumberBeforeTheStreamCloses() throws Exception {
        REST_STATUS.set(200);
        TwilioTestCaller caller = transferredCall("call_r1");

        assertThat(UPDATES).hasSize(1);
        Update update = UPDATES.getFirst();
        assertThat(update.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + caller.callSid + ".json");
        assertThat(update.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(new String(Base64.getDecoder().decode(update.authorization().substring(6)), StandardCharsets.UTF_8))
                .isEqualTo(ACCOUNT + ":12345");
        assertThat(URLDecoder.decode(update.body().substring("Twiml=".length()), StandardCharsets.UTF_8))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial>" + HUMAN + "</Dial></Response>");
    }

    @Test
    void whenTheRestUpdateFailsTheActionUrlStillDialsTheBusinesssNumber() throws Exception {
        REST_STATUS.set(500);
        TwilioTestCaller caller = transferredCall("call_r2");

        assertThat(UPDATES).as("tried once, not retried").hasSize(1);
        assertThat(afterStream(caller.callSid).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("<Dial>" + HUMAN + "</Dial>");
    }

    /** A call whose caller presses 0 and whose model calls transfer_call; returns once the server closed the stream. */
    private TwilioTestCaller transferredCall(String toolCallId) throws Exception {
        MODEL.enqueue(FakeReply.toolCalls("Let me put you through now. ", new ToolCall(toolCallId, "transfer_call", "{}")));
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER, "To", StartupSeed.DEMO_NUMBER,
                        "token", TransferCallIT.token(voiceWebhook(caller.callSid))),
                Map.of("X-Twilio-Signature", TWILIO.sign("wss://voice.example.com/twilio/media", Map.of()))).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            caller.press("0");
            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);
        } finally {
            connection.dispose();
        }
        return caller;
    }

    private String voiceWebhook(String callSid) {
        Map<String, List<String>> form = Map.of("CallSid", List.of(callSid), "From", List.of(CALLER),
                "To", List.of(StartupSeed.DEMO_NUMBER));
        return post("/twilio/voice", form, TWILIO.sign("https://voice.example.com/twilio/voice", form))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec afterStream(String callSid) {
        Map<String, List<String>> form = Map.of("CallSid", List.of(callSid), "From", List.of(CALLER),
                "To", List.of(StartupSeed.DEMO_NUMBER), "CallStatus", List.of("in-progress"));
        return post("/twilio/after-stream", form, TWILIO.sign("https://voice.example.com/twilio/after-stream", form));
    }

    private WebTestClient.ResponseSpec post(String path, Map<String, List<String>> form, String signature) {
        var body = new LinkedMultiValueMap<String, String>();
        form.forEach(body::put);
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build()
                .post().uri(URI.create("http://localhost:" + port + path))
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }
}
