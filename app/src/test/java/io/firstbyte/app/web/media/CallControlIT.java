package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.RecordedRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;

/**
 * Call control over real sockets, with Deepgram, an OpenAI-compatible model and Cartesia as local
 * fakes speaking their protocols: the agent calls {@code end_call} and the caller hears the whole
 * goodbye before the server closes the stream (Twilio, Telnyx and Plivo); a caller silent after the
 * greeting hears "Are you still there?" twice and then a goodbye (silence shortened to 2 s here);
 * keys sent as Twilio {@code dtmf} messages reach the model's next request, the human key as a
 * request for a person.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, every gateway open
        properties = {"firstbyte.security.mode=development", "firstbyte.telephony.start-timeout=2s", "firstbyte.call.silence.prompt-after=2s"})
class CallControlIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);
    private static final String GOODBYE = "Goodbye and thank you for calling!";
    /** 60 ms of audio per character: the goodbye lasts about two seconds. */
    private static final int SLOW_VOICE = 480;
    private static final int FAKE_VOICE_DEFAULT = 40;

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, ProviderFakes::okay);
    static final FakeDeepgramListenServer DEEPGRAM = FAKES.deepgram();
    static final FakeOpenAiServer MODEL = FAKES.model();
    static final FakeCartesiaServer CARTESIA = FAKES.cartesia();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void normalVoice() {
        CARTESIA.voice().bytesPerChar(FAKE_VOICE_DEFAULT);
    }

    @Test
    void theAgentEndsTheCallAndTheCallerHearsTheWholeGoodbyeBeforeTheStreamCloses(CapturedOutput logs) throws Exception {
        CARTESIA.voice().bytesPerChar(SLOW_VOICE);
        DEEPGRAM.utterances("That's all, thank you.");
        MODEL.enqueue(FakeReply.toolCalls(GOODBYE + " ", new ToolCall("call_end_1", "end_call", "{}")));
        double endedBefore = ended("agent-ended");
        int requestsBefore = MODEL.requests().size();
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            int afterGreeting = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);

            assertThat(caller.closeStatus()).as("the server closed the stream (its close frame carries no status)").isIn(1000L, 1005L);
            assertThat(caller.mediaReceived.get() - afterGreeting).as("frames of the whole goodbye (34 chars x 60 ms)")
                    .isGreaterThanOrEqualTo(34 * 60 / 20);
            assertThat(caller.closedAt()).as("closed after the goodbye had played, not over it")
                    .isGreaterThanOrEqualTo(caller.playbackEnds());
            // A speculative request discarded under load may come before the turn's own; what must never
            // come is a round that hands the model end_call's result.
            assertThat(MODEL.requests().subList(requestsBefore, MODEL.requests().size()))
                    .as("no second model round after the goodbye")
                    .noneMatch(request -> request.body().contains("call_end_1") && request.body().contains("\"tool\""));
            assertThat(MODEL.requests().getLast().json().path("tools").toString()).contains("\"end_call\"");
        } finally {
            connection.dispose();
        }
        await().atMost(GENEROUS).until(() -> ended("agent-ended") - endedBefore == 1);
        // Logged in the same clean-up as the count, just after it.
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(logs.getAll()).contains("ended (agent-ended)"));
    }

    @ParameterizedTest
    @EnumSource(value = Gateway.class, names = {"TELNYX", "PLIVO"})
    void onTelnyxAndPlivoTheAgentsHangUpClosesTheStreamOnceTheGoodbyeHasPlayed(Gateway gateway) throws Exception {
        CARTESIA.voice().bytesPerChar(SLOW_VOICE);
        DEEPGRAM.utterances("Bye now.");
        MODEL.enqueue(FakeReply.toolCalls(GOODBYE + " ", new ToolCall("call_end_" + gateway, "end_call", "{}")));
        String secret = gateway == Gateway.TELNYX ? "telnyx-it-token" : "plivoittoken";
        GatewayTestCaller caller = new GatewayTestCaller(gateway,
                new CallSetup("+15550001111", StartupSeed.DEMO_NUMBER, Map.of(), secret));
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(500), GENEROUS)).as("greeting played").isTrue();
            int afterGreeting = caller.audioReceived.get();
            caller.say(Duration.ofMillis(1200));

            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);

            assertThat(caller.closeStatus()).as("the server closed the stream (its close frame carries no status)").isIn(1000, 1005);
            assertThat(caller.audioReceived.get()).as("the goodbye's audio").isGreaterThan(afterGreeting);
            assertThat(caller.stillPlayingAtClose()).as("nothing of the goodbye was left to play at the close").isNotPositive();
            assertThat(caller.problems).isEmpty();
        } finally {
            connection.dispose();
        }
    }

    @Test
    void aCallerSilentAfterTheGreetingIsAskedTwiceThenToldGoodbyeAndTheCallEnds(CapturedOutput logs) throws Exception {
        double endedBefore = ended("caller-silent");
        int requestsBefore = MODEL.requests().size();
        int socketsBefore = CARTESIA.connections().size();
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            await().atMost(GENEROUS).until(() -> caller.closeStatus() >= 0);

            assertThat(caller.closeStatus()).as("the server closed the stream").isIn(1000L, 1005L);
            assertThat(caller.closedAt()).isGreaterThanOrEqualTo(caller.playbackEnds());
            assertThat(FAKES.spoken(socketsBefore)).containsSubsequence("Are you still there?", "Are you still there?", "Goodbye.");
            assertThat(FAKES.spoken(socketsBefore)).filteredOn("Are you still there?"::equals).hasSize(2);
            assertThat(MODEL.requests()).as("the prompts are not the model's").hasSize(requestsBefore);
        } finally {
            connection.dispose();
        }
        await().atMost(GENEROUS).until(() -> ended("caller-silent") - endedBefore == 1);
        // Logged in the same clean-up as the count, just after it.
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(logs.getAll()).contains("ended (caller-silent)"));
    }

    @Test
    void keysTypedOnTheKeypadReachTheModelsNextRequestAndTheHumanKeyAsksForAPerson() throws Exception {
        MODEL.enqueue(FakeReply.text("Thanks, I have your number. ")).enqueue(FakeReply.text("Let me see who is free. "));
        double humanBefore = meters.counter("firstbyte.calls.human.requested").count();
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", StartupSeed.DEMO_NUMBER)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(300), GENEROUS)).as("greeting played").isTrue();
            for (String key : "0171234567#".split("")) {
                caller.press(key);
                Thread.sleep(100);
            }
            await().atMost(GENEROUS).until(() -> lastUserMessages().contains("The caller typed on the keypad: 0171234567"));

            caller.press("0");
            await().atMost(GENEROUS).until(() -> lastUserMessages().contains("The caller pressed 0 to speak to a person."));
            assertThat(meters.counter("firstbyte.calls.human.requested").count() - humanBefore).isEqualTo(1);
        } finally {
            caller.hangUpAndAwaitClose();
            connection.dispose();
        }
    }

    private double ended(String reason) {
        // one counter per tenant and gateway: add them up
        return meters.find("firstbyte.calls.ended").tag("reason", reason).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** The last user message of each chat completion request so far. */
    private static List<String> lastUserMessages() {
        return MODEL.requests().stream().filter(request -> request.path().endsWith("/chat/completions"))
                .map(RecordedRequest::json).map(body -> body.path("messages"))
                .map(messages -> messages.get(messages.size() - 1)).filter(last -> last.path("role").asString("").equals("user"))
                .map(last -> last.path("content").asString("")).toList();
    }
}
