package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.security.ClientAddressFromHeader;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A call over the Twilio WebSocket in development mode (embedded stores, simulated providers) in which
 * the caller lets one answer play out and barges into the next: the live trace says which turn was
 * interrupted, and once the call ended its record (turns, tool call, end reason) is listed at
 * {@code /admin/calls} and read whole at {@code /admin/calls/{id}}, by this machine only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast",
                "firstbyte.call-records.flush-every=100ms"})
@Import(ClientAddressFromHeader.class)
class CallRecordCallIT {

    private static final String FIRST = "Hi, I'd like to book a haircut tomorrow please.";
    private static final String LINES = FIRST + "|Do you have anything at 10:30?|My name is Sam Taylor.|No, that's all. Thank you!";
    /** Waits for what normally takes milliseconds; on a busy machine it may take seconds. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @Test
    void aCallLeavesARecordOfItsTurnsAsHeardAndTheLiveTraceSaysWhichTurnWasInterrupted() throws Exception {
        String from = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", from, "To", StartupSeed.DEMO_NUMBER, "lines", LINES,
                "jitter", "0")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), GENEROUS)).as("greeting played").isTrue();
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), GENEROUS)).as("first answer played out").isTrue();

            int beforeSecond = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            await("second answer started").atMost(GENEROUS).until(() -> caller.mediaReceived.get() > beforeSecond + 10);
            caller.say(Duration.ofMillis(1000));
            await("barge-in cleared the answer").atMost(GENEROUS).until(() -> caller.clears.get() > 0);
            assertThat(caller.awaitAnswer(caller.mediaReceived.get(), Duration.ofMillis(900), GENEROUS))
                    .as("the words spoken over the agent were answered").isTrue();
        } finally {
            caller.hangUp();
        }
        await().atMost(GENEROUS).until(() -> liveCalls.list().stream().noneMatch(call -> call.callId().equals(caller.callSid)));
        connection.dispose();
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build();

        JsonNode trace = get(http, "/calls/" + caller.callSid + "/trace").path("turns");
        assertThat(trace.size()).isEqualTo(3);
        assertThat(trace.get(0).path("interrupted").asBoolean()).isFalse();
        assertThat(trace.get(0).path("agentText").asString()).isNotBlank();
        assertThat(trace.get(1).path("interrupted").asBoolean()).as("the turn the caller spoke over").isTrue();
        assertThat(trace.get(2).path("interrupted").asBoolean()).isFalse();

        await("record written").atMost(GENEROUS).until(() -> get(http, "/admin/calls?caller={caller}", from)
                .path("calls").size() == 1);
        JsonNode listed = get(http, "/admin/calls?caller={caller}", from).path("calls").get(0);
        assertThat(listed.path("call_id").asString()).isEqualTo(caller.callSid);
        assertThat(listed.path("business_id").asString()).isEqualTo(StartupSeed.DEMO_TENANT_ID);
        assertThat(listed.path("gateway").asString()).isEqualTo("twilio");
        assertThat(listed.path("dialled").asString()).isEqualTo(StartupSeed.DEMO_NUMBER);
        assertThat(listed.path("end_reason").asString()).isEqualTo("caller");
        assertThat(listed.path("turns").asInt()).isEqualTo(3);

        JsonNode record = get(http, "/admin/calls/" + listed.path("id").asString());
        JsonNode turns = record.path("turns");
        assertThat(turns.get(0).path("caller_text").asString()).isEqualTo(FIRST);
        assertThat(turns.get(0).path("agent_text").asString()).isEqualTo(trace.get(0).path("agentText").asString());
        assertThat(turns.get(0).path("tools").get(0).path("name").asString()).isEqualTo("check_availability");
        assertThat(turns.get(0).path("tools").get(0).path("arguments").asString()).containsIgnoringCase("haircut");
        assertThat(turns.get(0).path("tools").get(0).path("result").asString()).isNotBlank();
        assertThat(turns.get(0).path("latency").path("ttfb_ms").asDouble()).isPositive();
        assertThat(turns.get(1).path("interrupted").asBoolean()).isTrue();
        assertThat(turns.get(1).path("agent_text").asString()).isEqualTo(trace.get(1).path("agentText").asString());
        assertThat(get(http, "/admin/calls/" + caller.callSid).path("id").asString()).isEqualTo(listed.path("id").asString());
    }

    @Test
    void badQueriesAreAnsweredWithTheirReasonAndAnUnknownCallWith404() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build();
        for (String query : new String[] {"business=salon", "from=yesterday", "limit=0", "limit=201", "end_reason=%3Bdrop",
                "cursor=bm90LWEtY3Vyc29y"}) {
            http.get().uri("/admin/calls?" + query).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.error").isNotEmpty();
        }
        http.get().uri("/admin/calls/0d3e5a10-0000-4000-a000-00000000ffff").exchange().expectStatus().isNotFound();
        http.get().uri("/admin/calls/CAnothing").exchange().expectStatus().isNotFound();
    }

    @Test
    void inDevelopmentModeOnlyThisMachineReadsCallRecords() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build();
        http.get().uri("/admin/calls").header(ClientAddressFromHeader.HEADER, "203.0.113.7").exchange()
                .expectStatus().isForbidden();
        http.get().uri("/admin/calls").exchange().expectStatus().isOk();
    }

    private static JsonNode get(WebTestClient http, String uri, Object... variables) {
        String body = http.get().uri(uri, variables).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(body);
    }
}
