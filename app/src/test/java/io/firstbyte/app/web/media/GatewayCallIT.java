package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.call.TenantRecorder;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Each SIP gateway and media-stream provider dials the running server exactly as it would (its
 * upgrade, its first message, its audio format, its marks and clears, the numbers where it carries
 * them), and the caller hears the greeting and the agent answer, from the tenant of the dialled number.
 * Twilio has its own ITs; AudioSocket, which is TCP, has {@code AudioSocketIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=2s", "firstbyte.providers.simulated.profile=fast"})
@Import(TenantRecorder.class)
class GatewayCallIT {

    private static final String LINES = "Hi, I'd like to book a haircut tomorrow please.|Do you have anything at 10:30?"
            + "|My name is Sam Taylor.|No, that's all. Thank you!";
    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    TenantDirectory tenants;

    @ParameterizedTest
    @EnumSource(value = Gateway.class, names = {"TWILIO", "AUDIOSOCKET"}, mode = EnumSource.Mode.EXCLUDE)
    void callerHearsTheGreetingAndAnAnswerFromTheDialledTenant(Gateway gateway) throws Exception {
        GatewayTestCaller caller = new GatewayTestCaller(gateway, new CallSetup("+15550001111", StartupSeed.DEMO_NUMBER,
                Map.of("lines", LINES, "jitter", "0"), ""));
        Disposable connection = caller.connect(port);
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            assertThat(caller.audioReceived.get()).as("greeting audio messages").isPositive();
            for (int turn = 1; turn <= 1; turn++) {
                int before = caller.audioReceived.get();
                caller.say(Duration.ofMillis(1200));
                assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(15))).as("answer %d", turn).isTrue();
            }
            assertThat(caller.loudestSample.get()).as("the agent's voice is not silence").isGreaterThan(1000);
            assertThat(caller.problems).isEmpty();
            assertThat(caller.subprotocol()).isEqualTo(caller.wire.upgrade().subprotocol());
            if (gateway != Gateway.FREESWITCH) {
                // A clause's mark follows its last frame; on a starved machine the answer may still be playing here.
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(caller.marks.get()).as("marks in the gateway's form").isPositive());
            }
            String demoTenant = tenants.byDialledNumber(StartupSeed.DEMO_NUMBER).map(TenantInfo::id).block(Duration.ofSeconds(30));
            assertThat(TenantRecorder.TENANT_BY_CALL).containsEntry(caller.wire.callId(), demoTenant);
        } finally {
            caller.hangUp();
            Thread.sleep(300);
            connection.dispose();
        }
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/calls/{id}/trace", caller.wire.callId()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.turns.length()").isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> liveCalls.count() == 0);
    }
}
