package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A paused application is not shutting down. Spring's test context cache pauses every context it
 * keeps while another test class runs and restarts it for the next class that shares it; a drain
 * begun by the pause stayed after the restart, and the cached context answered 503 to every call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.providers.simulated.profile=fast", "management.endpoint.health.group.readiness.show-details=always"})
class PausedContextIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    CallAdmission admission;

    @Test
    void afterAPauseAndARestartTheApplicationTakesCallsAndIsReady() {
        context.pause();
        assertThat(admission.draining()).as("paused, not draining").isFalse();
        context.restart();

        Http http = new Http(port);
        await().atMost(GENEROUS).until(() -> http.status("/actuator/health/readiness") == 200);
        try (TwilioLine call = TwilioLine.dial(port)) {
            await().atMost(GENEROUS).until(() -> call.audioFrames() > 0 || call.failure() != null);
            assertThat(call.failure()).as("the call was taken").isNull();
        }
    }
}
