package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.adapters.telephony.plivo.PlivoSignature;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.web.plivo.PlivoTransferXml;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.pipeline.tool.ToolCall;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * {@code transfer_call} over Telnyx (Call Control), Vonage and Plivo when their credentials are set: after the
 * agent's line has played, the gateway's REST API (one local fake of the documented endpoints) is told once to
 * connect the caller to the business's number, then the stream closes. Plivo's transfer points the call at
 * {@code /plivo/transfer}, which answers Plivo's signed request with {@code <Dial>} from the transfer record.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, every gateway open
        properties = {"firstbyte.security.mode=development", "firstbyte.telephony.start-timeout=2s",
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s",
                "firstbyte.handover.telnyx-api-key=KEY-IT", "firstbyte.handover.vonage-application-id=app-it",
                "firstbyte.handover.plivo-auth-id=" + GatewayRestTransferIT.PLIVO_AUTH_ID,
                "firstbyte.handover.plivo-auth-token=" + GatewayRestTransferIT.PLIVO_AUTH_TOKEN,
                "firstbyte.telephony.public-url=https://voice.example.com",
                "firstbyte.handover.gateway-rest-timeout=20s"})
class GatewayRestTransferIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);
    static final String PLIVO_AUTH_ID = "MAPLIVOIT00000000000";
    static final String PLIVO_AUTH_TOKEN = "plivo-auth-token-it";
    private static final String ALEG_URL = "https://voice.example.com/plivo/transfer";
    private static final PlivoSignature PLIVO = new PlivoSignature(PLIVO_AUTH_TOKEN);
    private static final String HUMAN = "+15550009999";
    /** Wednesday 9 December 2026, 11:00 in New York: the demo salon is open. */
    private static final Instant OPEN = Instant.parse("2026-12-09T16:00:00Z");

    static final ItDatabase DATABASE = ItDatabase.create(new MovableClock(OPEN, ZoneOffset.UTC));
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, ProviderFakes::okay);
    static final FakeDeepgramListenServer DEEPGRAM = FAKES.deepgram();
    static final FakeOpenAiServer MODEL = FAKES.model();

    /** A transfer request as the fake gateway API received it. */
    record Received(String method, String path, String authorization, String body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final DisposableServer GATEWAY_API = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                RECEIVED.add(new Received(request.method().name(), request.uri(), request.requestHeaders().get("Authorization"), body));
                if (request.method().name().equals("PUT")) {
                    return response.status(204).send().then();
                }
                return request.uri().startsWith("/v1/Account/")
                        ? response.status(202).header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"message\":\"call transferred\",\"api_id\":\"it\"}")).then()
                        : response.status(200).header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"data\":{\"result\":\"ok\"}}")).then();
            }))
            .bindNow();

    static {
        DATABASE.execute("update tenant set transfer_number = '" + HUMAN + "' where id = '" + StartupSeed.DEMO_TENANT_ID + "'");
    }

    @TestConfiguration
    static class BusinessHours {
        @Bean
        Clock clock() {
            return new MovableClock(OPEN, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) throws Exception {
        FAKES.register(registry);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        registry.add("firstbyte.handover.vonage-private-key", () -> pem);
        registry.add("firstbyte.handover.telnyx-api-url", () -> "http://127.0.0.1:" + GATEWAY_API.port());
        registry.add("firstbyte.handover.vonage-api-url", () -> "http://127.0.0.1:" + GATEWAY_API.port());
        registry.add("firstbyte.handover.plivo-api-url", () -> "http://127.0.0.1:" + GATEWAY_API.port());
    }

    @AfterAll
    static void stopFake() {
        GATEWAY_API.disposeNow();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @ParameterizedTest
    @EnumSource(value = Gateway.class, names = {"TELNYX", "VONAGE", "PLIVO"})
    void theGatewayIsToldOnceThroughItsRestApiToConnectTheCallerToTheBusinesssNumber(Gateway gateway) throws Exception {
        GatewayTestCaller caller = transferredCall(gateway, ThreadLocalRandom.current(), "call_transfer_" + gateway);

        assertThat(RECEIVED).as("told once").hasSize(1);
        Received request = RECEIVED.getFirst();
        String callId = caller.wire.callId();
        switch (gateway) {
            case TELNYX -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/v2/calls/" + callId + "/actions/transfer");
                assertThat(request.authorization()).isEqualTo("Bearer KEY-IT");
                assertThat(request.body()).isEqualTo("{\"to\":\"" + HUMAN + "\",\"command_id\":\"firstbyte-transfer-" + callId + "\"}");
            }
            case VONAGE -> {
                assertThat(request.method()).isEqualTo("PUT");
                assertThat(request.path()).isEqualTo("/v1/calls/" + callId);
                assertThat(request.authorization()).startsWith("Bearer ey");
                assertThat(request.body()).isEqualTo("{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\",\"ncco\":[{\"action\":"
                        + "\"connect\",\"endpoint\":[{\"type\":\"phone\",\"number\":\"15550009999\"}]}]}}");
            }
            default -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/v1/Account/" + PLIVO_AUTH_ID + "/Call/" + callId + "/");
                assertThat(new String(Base64.getDecoder().decode(request.authorization().substring("Basic ".length())),
                        StandardCharsets.UTF_8)).isEqualTo(PLIVO_AUTH_ID + ":" + PLIVO_AUTH_TOKEN);
                assertThat(request.body()).isEqualTo("{\"legs\":\"aleg\",\"aleg_url\":\"" + ALEG_URL + "\",\"aleg_method\":\"POST\"}");
            }
        }
    }

    @Test
    void plivosSignedRequestToTheALegUrlIsAnsweredWithADialOfTheBusinesssNumber() throws Exception {
        String callId = transferredCall(Gateway.PLIVO, ThreadLocalRandom.current(), "call_transfer_plivo_xml").wire.callId();
        Map<String, List<String>> form = plivoForm(callId);

        assertThat(afterTransfer(form, "nonce-1", PLIVO.sign("POST", ALEG_URL, form, "nonce-1"))
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_XML)
                .expectBody(String.class).returnResult().getResponseBody())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial><Number>15550009999</Number></Dial></Response>");
        Map<String, List<String>> otherCall = plivoForm("5f0c8a52-0000-4000-8000-000000000001");
        assertThat(afterTransfer(otherCall, "nonce-2", PLIVO.sign("POST", ALEG_URL, otherCall, "nonce-2"))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .as("a call nobody handed over").contains("<Hangup/>");
    }

    @Test
    void aRequestToTheALegUrlNotSignedWithThePlivoAuthTokenIsRefused() {
        Map<String, List<String>> form = plivoForm("5f0c8a52-0000-4000-8000-000000000002");

        afterTransfer(form, "nonce-3", new PlivoSignature("another-token").sign("POST", ALEG_URL, form, "nonce-3"))
                .expectStatus().isForbidden();
        afterTransfer(form, "nonce-3", PLIVO.sign("POST", "https://attacker.example.net/plivo/transfer", form, "nonce-3"))
                .expectStatus().isForbidden();
        afterTransfer(form, "nonce-3", PLIVO.sign("POST", ALEG_URL, form, "nonce-4")).expectStatus().isForbidden();
        afterTransfer(form, null, null).expectStatus().isForbidden();
    }

    @Test
    void aRepeatedHandOverOfTheSamePlivoCallTellsPlivoOnce() throws Exception {
        long seed = ThreadLocalRandom.current().nextLong();
        String first = transferredCall(Gateway.PLIVO, new SplittableRandom(seed), "call_transfer_plivo_1").wire.callId();
        String again = transferredCall(Gateway.PLIVO, new SplittableRandom(seed), "call_transfer_plivo_2").wire.callId();

        assertThat(again).as("the same call's stream again").isEqualTo(first);
        assertThat(RECEIVED).as("told once").hasSize(1);
        assertThat(RECEIVED.getFirst().path()).isEqualTo("/v1/Account/" + PLIVO_AUTH_ID + "/Call/" + first + "/");
    }

    /**
     * A call on {@code gateway} (its ids from {@code ids}) whose caller asks for a person and whose model calls
     * transfer_call; returns once the server closed the stream.
     */
    private GatewayTestCaller transferredCall(Gateway gateway, RandomGenerator ids, String toolCallId) throws Exception {
        DEEPGRAM.utterances("Can I speak to a person?");
        MODEL.enqueue(FakeReply.toolCalls("I'll put you through now. ", new ToolCall(toolCallId, "transfer_call", "{}")));
        GatewayTestCaller caller = new GatewayTestCaller(gateway, new CallSetup("+15550001111", StartupSeed.DEMO_NUMBER, Map.of(), ""),
                ids);
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);
        } finally {
            connection.dispose();
        }
        return caller;
    }

    /** The parameters Plivo sends with its request for the XML to run (its documented XML request parameters). */
    private static Map<String, List<String>> plivoForm(String callUuid) {
        return Map.of("CallUUID", List.of(callUuid), "From", List.of("15550001111"), "To", List.of("15550002222"),
                "CallStatus", List.of("in-progress"), "Direction", List.of("inbound"));
    }

    private WebTestClient.ResponseSpec afterTransfer(Map<String, List<String>> form, @Nullable String nonce,
                                                     @Nullable String signature) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::put);
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build()
                .post().uri(PlivoTransferXml.PATH)
                .headers(headers -> {
                    if (nonce != null) {
                        headers.set(PlivoSignature.NONCE_HEADER, nonce);
                    }
                    if (signature != null) {
                        headers.set(PlivoSignature.HEADER, signature);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }
}
