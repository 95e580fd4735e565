package io.firstbyte.app.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.security.ProductionServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * AudioSocket in production with the Asterisk credentials set: the listener is on loopback, and
 * only a call the dial plan registered (with those credentials) is served; a connection with any
 * other UUID is closed before any call work and counted. On the code before, an unregistered UUID
 * got a full agent.
 */
@ProductionServer
class AudioSocketRegisteredOnlyIT {

    @LocalServerPort
    int httpPort;

    @Autowired
    AudioSocketListener listener;

    @Autowired
    MeterRegistry meters;

    @Test
    void theListenerIsOnLoopbackByDefault() {
        assertThat(listener.address()).isNotNull();
        assertThat(listener.address().getAddress().isLoopbackAddress()).as("bound to %s", listener.address()).isTrue();
    }

    @Test
    void anUnregisteredCallIsClosedAndCountedWithoutHearingAnything() throws Exception {
        double before = unregistered();
        try (AudioSocketTestCaller stranger = new AudioSocketTestCaller(listener.port(), UUID.randomUUID()).streaming()) {
            assertThat(stranger.awaitClosedByServer(Duration.ofSeconds(10))).as("closed (%s)", stranger.readerState()).isTrue();
            assertThat(stranger.audioFrames.get()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> unregistered() > before);
    }

    @Test
    void aCallRegisteredWithTheAsteriskCredentialsIsServed() throws Exception {
        UUID uuid = UUID.randomUUID();
        register(uuid, "").expectStatus().isUnauthorized();
        register(uuid, ProductionServer.GATEWAY).expectStatus().isNoContent();
        try (AudioSocketTestCaller caller = new AudioSocketTestCaller(listener.port(), uuid).streaming()) {
            assertThat(caller.awaitAnswer(0, Duration.ofMillis(700), Duration.ofSeconds(30))).as("greeting").isTrue();
            caller.hangUp();
        }
    }

    private WebTestClient.ResponseSpec register(UUID uuid, String password) {
        WebTestClient.RequestBodySpec post = WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build()
                .post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (!password.isEmpty()) {
            post = post.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("asterisk:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return post.body(BodyInserters.fromValue("uuid=" + uuid + "&from=%2B15550001111&to=%2B15550100100&jitter=0"))
                .exchange();
    }

    private double unregistered() {
        Counter counter = meters.find("firstbyte.inbound.dropped").tags("dialect", "audiosocket", "kind", "unregistered_call").counter();
        return counter == null ? 0 : counter.count();
    }
}
