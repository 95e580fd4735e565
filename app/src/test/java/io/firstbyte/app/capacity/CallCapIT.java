package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An instance at its call cap refuses every new call the way its entry point allows, counts the
 * refusals, and reports itself not ready (so a load balancer sends calls elsewhere) until a place
 * is free again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.providers.simulated.profile=fast", "firstbyte.capacity.max-calls=1",
        "management.endpoint.health.group.readiness.show-details=always"})
class CallCapIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void pastTheCapNewCallsAreRefusedCountedAndReadinessSaysFullUntilAPlaceIsFree() {
        Http http = new Http(port);
        assertThat(http.status("/actuator/health/readiness")).isEqualTo(200);
        double refusedBefore = refused();

        try (TwilioLine first = TwilioLine.dial(port)) {
            await().atMost(GENEROUS).until(() -> first.audioFrames() > 0);

            assertThat(http.status("/actuator/health/readiness")).as("readiness while full").isEqualTo(503);
            assertThat(http.get("/actuator/health/readiness").getResponseBody()).contains("callCapacity", "OUT_OF_SERVICE", "full");
            try (TwilioLine second = TwilioLine.dial(port)) {
                await().atMost(GENEROUS).until(() -> second.failure() != null);
                assertThat(second.failure()).hasMessageContaining("503");
                assertThat(second.audioFrames()).isZero();
            }
            assertThat(http.voiceWebhook("/twilio/voice").getResponseBody()).contains("<Redirect", "firstbyte_redirected=1");
            assertThat(http.voiceWebhook("/twilio/voice?firstbyte_redirected=1").getResponseBody())
                    .contains("<Say>", "lines are busy", "<Hangup/>").doesNotContain("<Connect>");
            assertThat(http.registerAudioSocketCall()).isEqualTo(503);
            assertThat(refused() - refusedBefore).isEqualTo(4);

            first.hangUp();
            await().atMost(GENEROUS).until(first::closed);
        }
        await().atMost(GENEROUS).until(() -> http.status("/actuator/health/readiness") == 200);
        try (TwilioLine third = TwilioLine.dial(port)) {
            await().atMost(GENEROUS).until(() -> third.audioFrames() > 0);
        }
    }

    private double refused() {
        return meters.get("firstbyte.calls.refused").tag("reason", "cap").counter().count();
    }
}
