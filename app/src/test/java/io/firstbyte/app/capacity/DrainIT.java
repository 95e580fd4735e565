package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.FirstbyteApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Shutting down with a call on the line: readiness goes down at once, each entry point refuses new
 * calls its own way, the live call runs on until the drain timeout, then hears a goodbye and ends,
 * and only then does the application finish closing.
 */
class DrainIT {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @Test
    void onShutdownNewCallsAreRefusedWhileTheLiveCallRunsOnAndEndsWithAGoodbyeAtTheDrainTimeout() throws Exception {
        // Arguments, not builder properties: those are defaults, which application.yaml overrides.
        ConfigurableApplicationContext app = new SpringApplicationBuilder(FirstbyteApplication.class)
                .run("--server.port=0", "--firstbyte.providers.simulated.profile=fast",
                        "--firstbyte.drain.timeout=" + DRAIN_TIMEOUT.toMillis() + "ms",
                        // the caller here is silent: no "are you still there?" may race the drain's goodbye
                        "--firstbyte.call.silence.prompt-after=0s",
                        // Spring gives up on a shutdown phase after this; the drain's phase must get its own time.
                        "--spring.lifecycle.timeout-per-shutdown-phase=1s");
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        Http http = new Http(port);
        // the call's counters, kept: they carry the call's tenant and gateway, and the registry closes with the app
        List<Counter> ended = new CopyOnWriteArrayList<>();
        meters.config().onMeterAdded(meter -> {
            if (meter instanceof Counter counter && meter.getId().getName().equals("firstbyte.calls.ended")) {
                ended.add(counter);
            }
        });
        Counter refusedForDrain = meters.get("firstbyte.calls.refused").tag("reason", "drain").counter();
        CompletableFuture<Void> closing = null;
        try (TwilioLine call = TwilioLine.dial(port)) {
            await().atMost(GENEROUS).until(() -> call.audioFrames() > 0);
            await().atMost(GENEROUS).until(() -> System.nanoTime() - call.lastAudioAt() > Duration.ofSeconds(1).toNanos());
            int greeting = call.audioFrames();

            long shutdownAt = System.nanoTime();
            closing = CompletableFuture.runAsync(app::close);

            await().atMost(GENEROUS).until(() -> http.status("/actuator/health/readiness") == 503);
            try (TwilioLine late = TwilioLine.dial(port)) {
                await().atMost(GENEROUS).until(() -> late.failure() != null);
                assertThat(late.failure()).hasMessageContaining("503");
            }
            assertThat(http.voiceWebhook("/twilio/voice").getResponseBody()).contains("<Redirect");
            assertThat(http.voiceWebhook("/twilio/voice?firstbyte_redirected=1").getResponseBody())
                    .contains("<Say>", "<Hangup/>").doesNotContain("<Connect>");
            assertThat(http.registerAudioSocketCall()).isEqualTo(503);
            assertThat(http.get("/calls").getResponseBody()).as("the live call is still listed").contains(call.callSid);
            assertThat(call.closed()).as("the live call runs on").isFalse();
            assertThat(closing).isNotDone();

            await().atMost(GENEROUS).until(call::closed);
            // What a failure here needs to be read: how the call ended, when, and whether the caller's side failed.
            String howItEnded = "the call closed %d ms after the shutdown began; calls ended by reason %s; the caller's connection failed with %s"
                    .formatted(Duration.ofNanos(call.closedAt() - shutdownAt).toMillis(), endedByReason(ended), call.failure());
            assertThat(Duration.ofNanos(call.closedAt() - shutdownAt)).as("the call ran on for the drain timeout; " + howItEnded)
                    .isGreaterThanOrEqualTo(DRAIN_TIMEOUT);
            assertThat(call.audioFrames() - greeting).as("frames of the goodbye; " + howItEnded).isGreaterThan(50);
            assertThat(call.lastAudioAt() - shutdownAt).as("the goodbye came after the timeout; " + howItEnded)
                    .isGreaterThan(DRAIN_TIMEOUT.toNanos());
            closing.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(endedByReason(ended)).as("calls ended, by reason").isEqualTo(Map.of("drain", 1.0));
            assertThat(refusedForDrain.count()).isEqualTo(4);
        } finally {
            if (closing == null) {
                app.close();
            }
        }
    }

    private static Map<String, Double> endedByReason(List<Counter> ended) {
        return ended.stream().filter(counter -> counter.count() > 0)
                .collect(Collectors.toMap(counter -> counter.getId().getTag("reason"), Counter::count, Double::sum));
    }
}
