package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code transfer_call} over Telnyx (Call Control) and Vonage when their credentials are set: after the
 * agent's line has played, the gateway's REST API (one local fake of both documented endpoints) is told
 * once to connect the caller to the business's number, then the stream closes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, every gateway open
        properties = {"firstbyte.security.mode=development", "firstbyte.telephony.start-timeout=2s",
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s",
                "firstbyte.handover.telnyx-api-key=KEY-IT", "firstbyte.handover.vonage-application-id=app-it",
                "firstbyte.handover.gateway-rest-timeout=20s"})
class GatewayRestTransferIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);
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
                return request.method().name().equals("PUT") ? response.status(204).send().then()
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
    @EnumSource(value = Gateway.class, names = {"TELNYX", "VONAGE"})
    void theGatewayIsToldOnceThroughItsRestApiToConnectTheCallerToTheBusinesssNumber(Gateway gateway) throws Exception {
        DEEPGRAM.utterances("Can I speak to a person?");
        MODEL.enqueue(FakeReply.toolCalls("I'll put you through now. ", new ToolCall("call_transfer_" + gateway, "transfer_call", "{}")));
        GatewayTestCaller caller = new GatewayTestCaller(gateway, new CallSetup("+15550001111", StartupSeed.DEMO_NUMBER, Map.of(), ""));
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);
        } finally {
            connection.dispose();
        }

        assertThat(RECEIVED).as("told once").hasSize(1);
        Received request = RECEIVED.getFirst();
        String callId = caller.wire.callId();
        if (gateway == Gateway.TELNYX) {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/calls/" + callId + "/actions/transfer");
            assertThat(request.authorization()).isEqualTo("Bearer KEY-IT");
            assertThat(request.body()).isEqualTo("{\"to\":\"" + HUMAN + "\",\"command_id\":\"firstbyte-transfer-" + callId + "\"}");
        } else {
            assertThat(request.method()).isEqualTo("PUT");
            assertThat(request.path()).isEqualTo("/v1/calls/" + callId);
            assertThat(request.authorization()).startsWith("Bearer ey");
            assertThat(request.body()).isEqualTo("{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\",\"ncco\":[{\"action\":"
                    + "\"connect\",\"endpoint\":[{\"type\":\"phone\",\"number\":\"15550009999\"}]}]}}");
        }
    }
}
