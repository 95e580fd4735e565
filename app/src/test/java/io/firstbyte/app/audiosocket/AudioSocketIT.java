package io.firstbyte.app.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.call.TenantRecorder;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Asterisk's AudioSocket over a real TCP socket: the dial plan registers the call's numbers under
 * its UUID, connects, and the caller hears the agent of the dialled number's tenant; a peer whose
 * bytes are not AudioSocket is disconnected while another call goes on unharmed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=2s", "firstbyte.providers.simulated.profile=fast"})
@Import(TenantRecorder.class)
class AudioSocketIT {

    @LocalServerPort
    int httpPort;

    @Autowired
    AudioSocketListener listener;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    TenantDirectory tenants;

    @Test
    void aRegisteredCallHearsTheAgentOfTheDialledTenantAndHangsUp() throws Exception {
        UUID uuid = UUID.randomUUID();
        register("uuid=" + uuid + "&from=%2B15550001111&to=%2B15550100100&jitter=0");

        try (AudioSocketTestCaller caller = new AudioSocketTestCaller(listener.port(), uuid).streaming()) {
            assertThat(caller.awaitAnswer(0, Duration.ofMillis(700), Duration.ofSeconds(30))).as("greeting").isTrue();
            int before = caller.audioFrames.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(30))).as("answer").isTrue();
            assertThat(caller.loudestSample.get()).as("the agent's voice is not silence").isGreaterThan(1000);
            String demoTenant = tenants.byDialledNumber(StartupSeed.DEMO_NUMBER).map(TenantInfo::id).block(Duration.ofSeconds(30));
            assertThat(TenantRecorder.TENANT_BY_CALL).containsEntry(uuid.toString(), demoTenant);
            caller.hangUp();
            assertThat(caller.awaitClosedByServer(Duration.ofSeconds(30))).as("closed after the hang-up").isTrue();
        }
        awaitNoLiveCalls();
    }

    @Test
    void aPeerSendingAGarbageLengthIsDisconnectedWithoutHarmingAnotherCall() throws Exception {
        UUID good = UUID.randomUUID();
        register("uuid=" + good + "&from=%2B15550001111&to=%2B15550100100&jitter=0");
        try (AudioSocketTestCaller call = new AudioSocketTestCaller(listener.port(), good).streaming();
             AudioSocketTestCaller peer = new AudioSocketTestCaller(listener.port(), UUID.randomUUID()).streaming()) {
            assertThat(call.awaitAnswer(0, Duration.ofMillis(700), Duration.ofSeconds(30))).as("greeting").isTrue();
            assertThat(liveCalls.count()).isEqualTo(2);

            peer.sendRaw(new byte[] {AudioSocketTestCaller.KIND_SLIN, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});

            assertThat(peer.awaitClosedByServer(Duration.ofSeconds(30))).as("the garbage peer is disconnected (%s)", peer.readerState())
                    .isTrue();
            int before = call.audioFrames.get();
            call.say(Duration.ofMillis(1200));
            assertThat(call.awaitAnswer(before, Duration.ofMillis(900), Duration.ofSeconds(30))).as("the other call answers").isTrue();
            assertThat(call.closedByServer).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> liveCalls.count() == 1);
            call.hangUp();
        }
        awaitNoLiveCalls();
        String metrics = http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("kind=\"protocol_error\"");
    }

    @Test
    void aRegistrationNeedsAUuid() {
        http().post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromValue("uuid=nope&to=%2B15550100100")).exchange()
                .expectStatus().isBadRequest();
        http().post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"uuid\":\"" + UUID.randomUUID() + "\",\"to\":\"+15550100100\"}").exchange()
                .expectStatus().isNoContent();
    }

    private void register(String form) {
        http().post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromValue(form)).exchange()
                .expectStatus().isNoContent();
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build();
    }

    private void awaitNoLiveCalls() {
        await().atMost(Duration.ofSeconds(30)).until(() -> liveCalls.count() == 0);
    }
}
