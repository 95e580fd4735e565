package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.audiosocket.AudioSocketListener;
import io.firstbyte.app.audiosocket.AudioSocketTestCaller;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.web.asterisk.AsteriskAfterStream;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.pipeline.tool.ToolCall;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.Disposable;

/**
 * {@code transfer_call} over both Asterisk gateways, in production with the Asterisk credentials, dialled as
 * Asterisk does: chan_websocket with {@code v(caller=…,called=…,call=${UNIQUEID},handOver=true)}, and
 * AudioSocket after a registration with {@code handOver=true}; Deepgram, an OpenAI-compatible model and
 * Cartesia are local fakes. The caller asks for a person, the model calls {@code transfer_call}, the agent's
 * line plays and the server ends the media its gateway's way ({@code HANGUP}; the hang-up frame); the dial
 * plan, going on after the media, then asks {@code /asterisk/after-stream} under the call's name with
 * HTTP Basic and gets the business's number (without the credentials: refused). A call whose dial plan does
 * not say {@code handOver=true} is not handed over (the model is told the line cannot) and gets an empty
 * answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.gateways.asterisk-password=" + AsteriskHandOverIT.PASSWORD,
                "firstbyte.security.gateways.asterisk=true", "firstbyte.telephony.audiosocket.enabled=true",
                "firstbyte.telephony.start-timeout=2s"})
class AsteriskHandOverIT {

    static final String PASSWORD = "asterisk-it-pass";
    private static final Duration GENEROUS = Duration.ofSeconds(40);
    private static final String CALLER = "+15550001111";
    private static final String HUMAN = "+15550009999";
    /** Wednesday 9 December 2026, 11:00 in New York: the demo salon is open. */
    private static final Instant OPEN = Instant.parse("2026-12-09T16:00:00Z");

    static final ItDatabase DATABASE = ItDatabase.create(new MovableClock(OPEN, ZoneOffset.UTC));
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, ProviderFakes::okay);
    static final FakeDeepgramListenServer DEEPGRAM = FAKES.deepgram();
    static final FakeOpenAiServer MODEL = FAKES.model();

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
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    AudioSocketListener audioSocket;

    @Test
    void overChanWebsocketTheAgentsLinePlaysThenHangupAndTheDialPlanIsToldTheBusinesssNumber() throws Exception {
        String uniqueId = uniqueId();
        DEEPGRAM.utterances("Can I speak to a person?");
        MODEL.enqueue(FakeReply.toolCalls("I'll put you through now. ", new ToolCall("call_ws_transfer", "transfer_call", "{}")));
        GatewayTestCaller caller = new GatewayTestCaller(Gateway.ASTERISK, new CallSetup(CALLER, StartupSeed.DEMO_NUMBER,
                Map.of("call", uniqueId, "handOver", "true"), PASSWORD));
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            int afterGreeting = caller.audioReceived.get();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);

            assertThat(caller.audioReceived.get()).as("the agent's line").isGreaterThan(afterGreeting);
            assertThat(caller.ignored).as("the media ended the chan_websocket way").containsExactly("HANGUP");
            assertThat(caller.stillPlayingAtClose()).as("the line had played when the media ended").isNotPositive();
            assertThat(caller.problems).isEmpty();
        } finally {
            connection.dispose();
        }

        assertThat(get(uniqueId, PASSWORD).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .isEqualTo(HUMAN);
        assertThat(get(uniqueId, PASSWORD).expectBody(String.class).returnResult().getResponseBody())
                .as("asked again, the same answer").isEqualTo(HUMAN);
        get(uniqueId, null).expectStatus().isUnauthorized();
        get(uniqueId, PASSWORD + "x").expectStatus().isUnauthorized()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(HUMAN));
    }

    @Test
    void overAudioSocketTheAgentsLinePlaysThenTheHangUpFrameAndTheDialPlanIsToldTheBusinesssNumber() throws Exception {
        UUID uuid = UUID.randomUUID();
        DEEPGRAM.utterances("Can I speak to a person?");
        MODEL.enqueue(FakeReply.toolCalls("I'll put you through now. ", new ToolCall("call_as_transfer", "transfer_call", "{}")));
        register(uuid);
        try (AudioSocketTestCaller caller = new AudioSocketTestCaller(audioSocket.port(), uuid).streaming()) {
            assertThat(caller.awaitAnswer(0, Duration.ofMillis(700), GENEROUS)).as("greeting played").isTrue();
            int afterGreeting = caller.audioFrames.get();
            caller.say(Duration.ofMillis(1200));

            assertThat(caller.awaitClosedByServer(GENEROUS)).as("the media ended (%s)", caller.readerState()).isTrue();
            assertThat(caller.hangUpReceived).as("the hang-up frame").isTrue();
            assertThat(caller.audioFrames.get()).as("the agent's line").isGreaterThan(afterGreeting);
        }

        assertThat(postForm(uuid.toString(), PASSWORD).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).as("CURL(url,call=…) posts a form").isEqualTo(HUMAN);
        assertThat(get(uuid.toString().toUpperCase(), PASSWORD).expectBody(String.class).returnResult().getResponseBody())
                .as("the UUID in either case").isEqualTo(HUMAN);
        postForm(uuid.toString(), null).expectStatus().isUnauthorized();
    }

    @Test
    void aCallWhoseDialPlanDoesNotAskIsNotHandedOverAndTheDialPlanGetsAnEmptyAnswer() throws Exception {
        String uniqueId = uniqueId();
        DEEPGRAM.utterances("Can I speak to a person?");
        MODEL.enqueue(FakeReply.toolCalls("One moment. ", new ToolCall("call_ws_no_transfer", "transfer_call", "{}")))
                .enqueue(FakeReply.text("Sorry, nobody can take your call right now. May I take a message? "));
        GatewayTestCaller caller = new GatewayTestCaller(Gateway.ASTERISK, new CallSetup(CALLER, StartupSeed.DEMO_NUMBER,
                Map.of("call", uniqueId), PASSWORD));
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> MODEL.requests().stream().anyMatch(request ->
                    request.body().contains("this phone line cannot pass calls on to a person")));
            await().atMost(GENEROUS).until(() -> FAKES.spoken(0).contains("May I take a message?"));
            assertThat(caller.closeStatus()).as("the call goes on").isNegative();
        } finally {
            caller.hangUp();
            connection.dispose();
        }

        get(uniqueId, PASSWORD).expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).isNull());
        get("1718000000.999", PASSWORD).expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).isNull());
        get("not a call name", PASSWORD).expectStatus().isBadRequest();
    }

    /** As {@code ${UNIQUEID}} of a caller's channel on an Asterisk with a system name. */
    private static String uniqueId() {
        return "pbx1-" + Instant.now().getEpochSecond() + "." + ThreadLocalRandom.current().nextInt(1_000_000);
    }

    /** What the dial plan's registration posts before {@code AudioSocket(<uuid>,…)}, saying it asks where a caller goes. */
    private void register(UUID uuid) {
        http().post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Authorization", basic(PASSWORD))
                .body(BodyInserters.fromValue("uuid=" + uuid + "&from=%2B15550001111&to=" + StartupSeed.DEMO_NUMBER.replace("+", "%2B")
                        + "&handOver=true"))
                .exchange().expectStatus().isNoContent();
    }

    /** {@code CURL(https://asterisk:…@host/asterisk/after-stream?call=…)}: a GET with HTTP Basic ({@code null}: none). */
    private WebTestClient.ResponseSpec get(String call, @Nullable String password) {
        var request = http().get().uri(uriBuilder -> uriBuilder.path(AsteriskAfterStream.PATH).queryParam("call", call).build());
        return (password == null ? request : request.header("Authorization", basic(password))).exchange();
    }

    /** {@code CURL(https://asterisk:…@host/asterisk/after-stream,call=…)}: a form POST. */
    private WebTestClient.ResponseSpec postForm(String call, @Nullable String password) {
        var request = http().post().uri(AsteriskAfterStream.PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        return (password == null ? request : request.header("Authorization", basic(password)))
                .body(BodyInserters.fromValue("call=" + call)).exchange();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("asterisk:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
