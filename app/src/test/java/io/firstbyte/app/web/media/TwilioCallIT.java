package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/** Dials the running server over a real WebSocket, as Twilio would, and listens to the agent. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast"})
class TwilioCallIT {

    private static final String LINES = "Hi, I'd like to book a haircut tomorrow please.|Do you have anything at 10:30?"
            + "|My name is Sam Taylor.|No, that's all. Thank you!";

    /** Waits for what normally takes milliseconds; on a busy machine it may take seconds. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @Test
    void callerHearsTheGreetingAndAnAnswerTurnAfterTurn() throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", "+15550100100", "lines", LINES,
                "jitter", "0")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(30))).as("greeting played").isTrue();
            int afterGreeting = caller.mediaReceived.get();
            assertThat(afterGreeting).isGreaterThan(25);

            for (int turn = 1; turn <= 3; turn++) {
                int before = caller.mediaReceived.get();
                caller.say(Duration.ofMillis(1200));
                assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(30))).isTrue();
                assertThat(caller.mediaReceived.get() - before).as("audio frames of answer %d", turn).isGreaterThan(25);
            }
            assertThat(caller.events()).contains("mark").doesNotContain("clear");
            assertThat(liveCalls.list()).extracting(LiveCalls.LiveCall::callId).contains(caller.callSid);
        } finally {
            caller.hangUp();
        }
        await().atMost(GENEROUS).until(() -> liveCalls.list().stream().noneMatch(call -> call.callId().equals(caller.callSid)));
        connection.dispose();
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        http.get().uri("/calls/{sid}/trace", caller.callSid).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.turns.length()").isEqualTo(3)
                .jsonPath("$.turns[0].transcript").isEqualTo("Hi, I'd like to book a haircut tomorrow please.")
                .jsonPath("$.turns[0].ttfbMs").value(ttfb -> assertThat(((Number) ttfb).doubleValue()).isPositive());
    }

    @Test
    void callerSpeakingOverTheAgentGetsAClearAndNoMoreOfThatAnswer() throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", "+15550100100", "lines", LINES,
                "profile", "slow", "jitter", "0")).subscribe();
        try {
            await("greeting started").atMost(GENEROUS).until(() -> caller.mediaReceived.get() > 0);
            caller.say(Duration.ofMillis(800));
            await().atMost(GENEROUS).until(() -> caller.clears.get() > 0);
            assertThat(caller.clears.get()).isEqualTo(1);
            int afterClear = caller.mediaReceived.get();
            // A window in which nothing may arrive: the answer to the caller's words comes only after the
            // turn silence and the slow profile's delays, well over a second later.
            Thread.sleep(300);
            assertThat(caller.mediaReceived.get()).as("no audio of the interrupted greeting").isEqualTo(afterClear);
            assertThat(caller.awaitAnswer(afterClear, Duration.ofMillis(900), Duration.ofSeconds(20))).isTrue();
            assertThat(caller.mediaReceived.get()).as("the agent answered the caller").isGreaterThan(afterClear + 25);
        } finally {
            caller.hangUp();
            connection.dispose();
        }
    }

    @Test
    void badInputIsDroppedAndCountedWhileTheCallGoesOn() throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("lines", LINES, "jitter", "0")).subscribe();
        try {
            await("the call started").atMost(GENEROUS).until(() -> caller.mediaReceived.get() > 0);
            caller.sendRaw("{not json");
            caller.sendRaw("{\"event\":\"media\",\"streamSid\":\"" + caller.streamSid + "\",\"media\":{\"payload\":\"!!!\",\"timestamp\":\"1\"}}");
            caller.sendRaw("{\"event\":\"start\",\"streamSid\":\"MZ2\",\"start\":{}}");
            caller.sendRaw("{\"event\":\"warp\"}");
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(30))).isTrue();
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(30))).isTrue();
            assertThat(caller.mediaReceived.get()).isGreaterThan(before + 25);
        } finally {
            caller.hangUp();
            connection.dispose();
        }
        String metrics = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("kind=\"malformed_json\"", "kind=\"invalid_base64\"", "kind=\"second_start\"",
                "kind=\"unknown_event\"");
    }

    @Test
    void aStopNamingAnotherStreamIsDroppedAndCountedAndTheCallGoesOn() throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", "+15550100100", "lines", LINES,
                "jitter", "0")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(30))).as("greeting played").isTrue();
            caller.sendRaw("{\"event\":\"stop\",\"sequenceNumber\":\"99\",\"streamSid\":\"MZ" + "f".repeat(32)
                    + "\",\"stop\":{\"accountSid\":\"AC1\",\"callSid\":\"" + caller.callSid + "\"}}");
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(30)))
                    .as("the agent still answers after the foreign stop").isTrue();
        } finally {
            caller.hangUp();
            connection.dispose();
        }
        String metrics = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("kind=\"foreign_stream\"");
    }
}
