package io.firstbyte.app.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A call on a live line (AudioSocket over TCP, audio every 20 ms) that reaches its (here shortened)
 * maximum length: the caller hears a goodbye, then the server hangs up as it does after any last
 * words (a hang-up frame, then the connection closes), and the call leaves the live calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.providers.simulated.profile=fast", "firstbyte.call.max-duration=10s"})
class MaxCallDurationIT {

    private static final Duration GENEROUS = Duration.ofSeconds(40);

    @LocalServerPort
    int httpPort;

    @Autowired
    AudioSocketListener listener;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    MeterRegistry meters;

    @Test
    void atTheMaximumLengthTheCallerHearsAGoodbyeAndTheServerHangsUp() throws Exception {
        UUID uuid = UUID.randomUUID();
        WebTestClient.bindToServer().baseUrl("http://localhost:" + httpPort).build()
                .post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromValue("uuid=" + uuid + "&from=%2B15550001111&to=%2B15550100100&jitter=0")).exchange()
                .expectStatus().isNoContent();
        double endedBefore = endedAtMaxDuration();

        try (AudioSocketTestCaller caller = new AudioSocketTestCaller(listener.port(), uuid).streaming()) {
            assertThat(caller.awaitAnswer(0, Duration.ofMillis(700), GENEROUS)).as("greeting").isTrue();
            int afterGreeting = caller.audioFrames.get();

            assertThat(caller.awaitClosedByServer(GENEROUS)).as("closed by the server (%s)", caller.readerState()).isTrue();

            assertThat(caller.audioFrames.get() - afterGreeting).as("frames of the goodbye").isGreaterThan(100);
            assertThat(caller.hangUpReceived).as("hang-up frame").isTrue();
        }
        await().atMost(GENEROUS).until(() -> liveCalls.count() == 0);
        assertThat(endedAtMaxDuration() - endedBefore).as("calls ended at their maximum length").isEqualTo(1);
    }

    private double endedAtMaxDuration() {
        var counter = meters.find("firstbyte.calls.ended").tag("reason", "max-duration").counter();
        return counter == null ? 0 : counter.count();
    }
}
