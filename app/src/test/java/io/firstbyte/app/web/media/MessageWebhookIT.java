package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.CredentialCipher;
import io.firstbyte.app.tenant.WebhookSecrets;
import io.firstbyte.app.webhooks.WebhookSignature;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.pipeline.tool.ToolCall;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the business hears of its calls, end to end over Twilio with Deepgram, an OpenAI-compatible model
 * and Cartesia as local fakes, and a local webhook receiver: with no person to take the call, the
 * caller's message is taken, listed through the admin API (development mode: loopback), and delivered
 * to the business's webhook signed with its secret, again after the receiver's first answer was a 500;
 * a booking made in a call is sent as a confirmation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, admin API on loopback
        properties = {"firstbyte.security.mode=development", "firstbyte.telephony.start-timeout=2s",
                "firstbyte.booking.credentials-key=" + MessageWebhookIT.CREDENTIALS_KEY,
                "firstbyte.webhooks.first-retry=300ms", "firstbyte.webhooks.poll-interval=100ms"})
class MessageWebhookIT {

    static final String CREDENTIALS_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String SECRET = "whsec_it_secret";
    private static final Duration GENEROUS = Duration.ofSeconds(40);
    private static final String CALLER = "+15550001111";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Wednesday 9 December 2026, 11:00 in New York. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-09T16:00:00Z"), ZoneOffset.UTC);

    private record Received(Map<String, String> headers, String body, int answered) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final Queue<Integer> ANSWERS = new ConcurrentLinkedQueue<>();
    static final DisposableServer RECEIVER = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> {
                        Integer status = ANSWERS.poll();
                        int answer = status == null ? 200 : status;
                        Map<String, String> headers = new java.util.HashMap<>();
                        request.requestHeaders().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
                        RECEIVED.add(new Received(headers, body, answer));
                        return response.status(answer).sendString(Mono.just("ok")).then();
                    }))
            .bindNow();

    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, ProviderFakes::okay);
    static final FakeDeepgramListenServer DEEPGRAM = FAKES.deepgram();
    static final FakeOpenAiServer MODEL = FAKES.model();

    static {
        byte[] sealed = new WebhookSecrets(new CredentialCipher(CREDENTIALS_KEY)).seal(StartupSeed.DEMO_TENANT_ID, SECRET);
        DATABASE.execute("update tenant set webhook_url = 'http://127.0.0.1:" + RECEIVER.port() + "/hooks', "
                + "webhook_secret = decode('" + HexFormat.of().formatHex(sealed) + "', 'hex'), transfer_number = null "
                + "where id = '" + StartupSeed.DEMO_TENANT_ID + "'");
    }

    @TestConfiguration
    static class FixedTime {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.disposeNow();
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void withNoPersonToTakeTheCallTheCallersMessageIsListedAndDeliveredSignedAfterTheReceiverFirstFails() throws Exception {
        String message = "Please tell Anna I will be ten minutes late tomorrow.";
        MODEL.enqueue(FakeReply.toolCalls("One moment. ", new ToolCall("call_t", "transfer_call", "{}")))
                .enqueue(FakeReply.text("Nobody can take your call right now. Would you like to leave a message? "))
                .enqueue(FakeReply.toolCalls("Thank you, I will pass that on. Goodbye! ", new ToolCall("call_m", "take_message",
                        "{\"message\":\"" + message + "\",\"summary\":\"Running late tomorrow\",\"caller_name\":\"Sam\"}")));
        ANSWERS.add(500);
        double takenBefore = ended("message-taken");
        int receivedBefore = RECEIVED.size();
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER, "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            caller.press("0");
            await().atMost(GENEROUS).until(() -> MODEL.requests().stream()
                    .anyMatch(request -> request.body().contains("nobody at the business takes calls in person")));
            await().atMost(GENEROUS).until(() -> FAKES.spoken(0).contains("Would you like to leave a message?"));
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).isTrue();
            DEEPGRAM.utterances("Yes. " + message + " This is Sam.");
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);
        } finally {
            connection.dispose();
        }

        JsonNode listed = messages("");
        assertThat(listed.path("messages")).hasSize(1);
        JsonNode taken = listed.path("messages").get(0);
        assertThat(taken.path("message").asString()).isEqualTo(message);
        assertThat(taken.path("summary").asString()).isEqualTo("Running late tomorrow");
        assertThat(taken.path("caller_name").asString()).isEqualTo("Sam");
        assertThat(taken.path("caller_number").asString()).as("the number the call came from").isEqualTo(CALLER);
        assertThat(taken.path("call_id").asString()).isEqualTo(caller.callSid);
        assertThat(taken.path("handled").asBoolean()).isFalse();
        await().atMost(GENEROUS).until(() -> ended("message-taken") - takenBefore == 1);

        await().atMost(GENEROUS).until(() -> RECEIVED.size() - receivedBefore >= 2);
        List<Received> deliveries = RECEIVED.subList(receivedBefore, RECEIVED.size());
        assertThat(deliveries).extracting(Received::answered).startsWith(500, 200);
        for (Received delivery : deliveries.subList(0, 2)) {
            assertThat(WebhookSignature.verify(SECRET, delivery.headers().get("firstbyte-signature"),
                    delivery.body().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), 300))
                    .as("signed with the business's secret").isTrue();
            assertThat(delivery.headers()).containsEntry("firstbyte-event", "message.taken");
        }
        assertThat(deliveries.get(1).body()).as("the same event, retried").isEqualTo(deliveries.get(0).body());
        JsonNode event = JSON.readTree(deliveries.get(1).body());
        assertThat(event.path("type").asString()).isEqualTo("message.taken");
        assertThat(event.path("id").asString()).isEqualTo(deliveries.get(1).headers().get("firstbyte-event-id"));
        assertThat(event.path("business_id").asString()).isEqualTo(StartupSeed.DEMO_TENANT_ID);
        assertThat(event.path("data").path("message_id").asString()).isEqualTo(taken.path("id").asString());
        assertThat(event.path("data").path("message").asString()).isEqualTo(message);
        assertThat(event.path("data").path("caller_number").asString()).isEqualTo(CALLER);

        JsonNode handled = JSON.readTree(http().post().uri("/admin/businesses/" + StartupSeed.DEMO_TENANT_ID + "/messages/"
                + taken.path("id").asString() + "/handled").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(handled.path("handled").asBoolean()).isTrue();
        assertThat(messages("").path("messages")).as("no open message left").isEmpty();
        assertThat(messages("?status=all").path("messages")).hasSize(1);
    }

    @Test
    void aBookingMadeInACallIsSentToTheBusinessAsASignedConfirmation() throws Exception {
        MODEL.enqueue(FakeReply.toolCalls("Let me book that. ", new ToolCall("call_b", "create_booking",
                        "{\"service\":\"Haircut\",\"start\":\"2026-12-10T15:00\",\"customer_name\":\"Sam Taylor\","
                                + "\"customer_phone\":\"" + CALLER + "\"}")))
                .enqueue(FakeReply.text("You are booked for Thursday at three. "));
        DEEPGRAM.utterances("A haircut on Thursday at three please, I'm Sam Taylor.");
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER, "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1200));
            await().atMost(GENEROUS).until(() -> confirmation() != null);
        } finally {
            caller.hangUp();
            connection.dispose();
        }

        Received delivery = confirmation();
        assertThat(WebhookSignature.verify(SECRET, delivery.headers().get("firstbyte-signature"),
                delivery.body().getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond(), 300)).isTrue();
        JsonNode data = JSON.readTree(delivery.body()).path("data");
        assertThat(data.path("service").asString()).isEqualTo("Haircut");
        assertThat(data.path("customer_name").asString()).isEqualTo("Sam Taylor");
        assertThat(data.path("customer_phone").asString()).isEqualTo(CALLER);
        assertThat(data.path("start").asString()).isEqualTo("2026-12-10T15:00");
        assertThat(data.path("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(data.path("starts_at").asString()).isEqualTo("2026-12-10T20:00:00Z");
        assertThat(data.path("status").asString()).isEqualTo("confirmed");
    }

    private static Received confirmation() {
        return RECEIVED.stream().filter(received -> "booking.confirmed".equals(received.headers().get("firstbyte-event")))
                .filter(received -> received.body().contains("Sam Taylor")).findFirst().orElse(null);
    }

    private JsonNode messages(String query) {
        return JSON.readTree(http().get().uri("/admin/businesses/" + StartupSeed.DEMO_TENANT_ID + "/messages" + query)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private double ended(String reason) {
        var counter = meters.find("firstbyte.calls.ended").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

}
