package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.RecordedRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.Disposable;

/**
 * {@code transfer_call} end to end over Twilio, as in production (signatures checked, call tokens), with
 * Deepgram, an OpenAI-compatible model and Cartesia as local fakes: the caller presses 0, the model
 * calls {@code transfer_call}, the agent's line plays and the server closes the stream; Twilio's signed
 * request to {@code <Connect>}'s action URL is answered with {@code <Dial>} and the business's number
 * (an unsigned one is refused), whichever instance receives it (the transfer is in Redis). Outside
 * opening hours the model is told nobody can take the call, and the call goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.twilio-auth-token=12345", "firstbyte.telephony.public-url=https://voice.example.com",
                "firstbyte.telephony.start-timeout=2s", "firstbyte.booking.seed-demo=true"})
class TransferCallIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);
    private static final TwilioSignature TWILIO = new TwilioSignature("12345");
    private static final String CALLER = "+15550001111";
    private static final String HUMAN = "+15550009999";
    /** Wednesday 9 December 2026, 11:00 in New York: the demo salon is open. */
    private static final Instant OPEN = Instant.parse("2026-12-09T16:00:00Z");
    /** Sunday 13 December 2026, 11:00 in New York: the demo salon is closed. */
    private static final Instant CLOSED = Instant.parse("2026-12-13T16:00:00Z");
    static final MovableClock CLOCK = new MovableClock(OPEN, ZoneOffset.UTC);

    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, ProviderFakes::okay);
    static final FakeOpenAiServer MODEL = FAKES.model();

    static {
        DATABASE.execute("update tenant set transfer_number = '" + HUMAN + "' where id = '" + StartupSeed.DEMO_TENANT_ID + "'");
    }

    @TestConfiguration
    static class BusinessHours {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RedisConnector bookingRedis;

    /** On a busy machine the first Redis commands may time out and open its breaker: start with Redis answering. */
    @BeforeEach
    void redisAnswers() {
        await().atMost(GENEROUS).until(() -> "PONG".equals(bookingRedis.run(commands -> commands.ping())
                .onErrorReturn("down").block(Duration.ofSeconds(5))));
    }

    @Test
    void theHumanKeyLeadsToTransferCallAndTwilioIsToldToDialTheBusinesssNumber() throws Exception {
        CLOCK.set(OPEN);
        MODEL.enqueue(FakeReply.toolCalls("Let me put you through now. ", new ToolCall("call_t1", "transfer_call", "{}")));
        double transfersBefore = ended("transfer");
        TwilioTestCaller caller = new TwilioTestCaller();
        String twiml = voiceWebhook(caller.callSid);
        assertThat(twiml).contains("<Connect action=\"https://voice.example.com/twilio/after-stream\">");

        Disposable connection = dialSigned(caller, token(twiml));
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            caller.press("0");
            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);
        } finally {
            connection.dispose();
        }

        assertThat(caller.closedAt()).as("the line played before the hand-over").isGreaterThanOrEqualTo(caller.playbackEnds());
        RecordedRequest asked = MODEL.requests().getLast();
        assertThat(lastUserMessage(asked)).isEqualTo("The caller pressed 0 to speak to a person.");
        assertThat(asked.json().path("tools").toString()).contains("\"transfer_call\"", "\"take_message\"");
        assertThat(afterStream(caller.callSid, true).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial>" + HUMAN + "</Dial></Response>");
        assertThat(redisTransfer(caller.callSid)).as("known to every instance").isEqualTo(HUMAN);
        await().atMost(GENEROUS).until(() -> ended("transfer") - transfersBefore == 1);
    }

    @Test
    void theActionUrlRefusesAnUnsignedRequestAndHangsUpACallThatWasNotHandedOver() {
        afterStream("CA" + "7".repeat(32), false).expectStatus().isForbidden();
        assertThat(afterStream("CA" + "7".repeat(32), true).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>");
    }

    @Test
    void outsideOpeningHoursTheModelIsToldNobodyCanTakeTheCallAndTheCallGoesOn() throws Exception {
        CLOCK.set(CLOSED);
        MODEL.enqueue(FakeReply.toolCalls("One moment. ", new ToolCall("call_t2", "transfer_call", "{}")))
                .enqueue(FakeReply.text("Sorry, nobody can take your call right now. May I take a message? "));
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = dialSigned(caller, token(voiceWebhook(caller.callSid)));
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            caller.press("0");
            await().atMost(GENEROUS).until(() -> MODEL.requests().stream().anyMatch(request ->
                    request.body().contains("the business is closed right now")));
            await().atMost(GENEROUS).until(() -> FAKES.spoken(0).contains("May I take a message?"));

            assertThat(caller.closeStatus()).as("the call goes on").isNegative();
        } finally {
            caller.hangUp();
            connection.dispose();
            CLOCK.set(OPEN);
        }
        assertThat(afterStream(caller.callSid, true).expectBody(String.class).returnResult().getResponseBody())
                .contains("<Hangup/>");
    }

    /** Opens the call's media stream as Twilio does: the upgrade signed, the webhook's token in the parameters. */
    private Disposable dialSigned(TwilioTestCaller caller, String token) {
        return caller.dial(port, Map.of("From", CALLER, "To", StartupSeed.DEMO_NUMBER, "token", token),
                Map.of("X-Twilio-Signature", TWILIO.sign("wss://voice.example.com/twilio/media", Map.of()))).subscribe();
    }

    private double ended(String reason) {
        var counter = meters.find("firstbyte.calls.ended").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** What Twilio posts to the voice webhook for a call, signed. */
    private String voiceWebhook(String callSid) {
        Map<String, List<String>> form = Map.of("CallSid", List.of(callSid), "From", List.of(CALLER),
                "To", List.of(StartupSeed.DEMO_NUMBER));
        return post("/twilio/voice", form, TWILIO.sign("https://voice.example.com/twilio/voice", form))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    /** What Twilio posts to the action URL once the stream has ended; {@code signed} false sends a forged signature. */
    private WebTestClient.ResponseSpec afterStream(String callSid, boolean signed) {
        Map<String, List<String>> form = Map.of("CallSid", List.of(callSid), "From", List.of(CALLER),
                "To", List.of(StartupSeed.DEMO_NUMBER), "CallStatus", List.of("in-progress"));
        String url = signed ? "https://voice.example.com/twilio/after-stream" : "https://attacker.example.net/twilio/after-stream";
        return post("/twilio/after-stream", form, TWILIO.sign(url, form));
    }

    private WebTestClient.ResponseSpec post(String path, Map<String, List<String>> form, String signature) {
        var body = new LinkedMultiValueMap<String, String>();
        form.forEach(body::put);
        return http().post().uri(URI.create("http://localhost:" + port + path))
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(body))
                .exchange();
    }

    /** The call token the webhook's TwiML hands the stream. */
    static String token(String twiml) {
        Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f.]+)\"").matcher(twiml);
        assertThat(token.find()).as("a call token in " + twiml).isTrue();
        return token.group(1);
    }

    private static String lastUserMessage(RecordedRequest request) {
        var messages = request.json().path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asString("").equals("user")) {
                return messages.get(i).path("content").asString("");
            }
        }
        return "";
    }

    private static String redisTransfer(String callSid) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().get(FAKES.redisKeyPrefix() + ":transfer:" + callSid);
        } finally {
            client.shutdown();
        }
    }

}
