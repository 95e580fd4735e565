package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.web.media.OtlpReceiver.Received;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;

/**
 * With an OTLP endpoint configured, one simulated call reaches a local collector as one trace: the
 * call's span, a span per turn under it, and under each turn its speech-to-text, model, tool and
 * voice spans, with the call's tenant, gateway and providers; the call's log lines carry its trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast",
                "management.opentelemetry.tracing.export.schedule-delay=200ms"})
class CallTraceExportIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    /**
     * Set as a system property before the server starts, as the variable would be: the switch reads it
     * while the environment is prepared, before a {@code @DynamicPropertySource} would be applied.
     */
    private static final OtlpReceiver COLLECTOR = collector();

    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @AfterAll
    static void stopCollector() {
        System.clearProperty(ENDPOINT);
        COLLECTOR.close();
    }

    @Test
    void aCallIsOneTraceOfTurnsWithTheirStagesAndItsLogLinesCarryItsTraceId(CapturedOutput output) throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", "+15550100100",
                "lines", "Hi, I'd like to book a haircut tomorrow please.|Thanks, bye.", "jitter", "0")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), GENEROUS)).as("greeting played").isTrue();
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), GENEROUS)).isTrue();
        } finally {
            caller.hangUp();
        }
        await().atMost(GENEROUS).until(() -> liveCalls.list().stream().noneMatch(call -> call.callId().equals(caller.callSid)));
        connection.dispose();

        Received call = await().atMost(GENEROUS).until(() -> callSpan(caller.callSid), span -> span != null);
        assertThat(call.parentSpanId()).as("the call starts its own trace").isEmpty();
        assertThat(call.resource()).containsEntry("service.name", "firstbyte");
        assertThat(call.attributes()).containsEntry("firstbyte.gateway", "twilio").containsKey("firstbyte.tenant")
                .containsEntry("firstbyte.provider.llm", "simulated").containsKey("firstbyte.end_reason");

        // the turn the agent answered (on a busy machine a pause may have cut the caller's words into two turns)
        Received turn = await().atMost(GENEROUS).until(() -> childrenOf(call, "turn").stream()
                .filter(span -> span.attributes().containsKey("firstbyte.ttfb_ms")).findFirst().orElse(null), span -> span != null);
        assertThat(turn.attributes()).containsKey("firstbyte.turn").containsEntry("firstbyte.gateway", "twilio")
                .containsEntry("firstbyte.tenant", call.attributes().get("firstbyte.tenant"));
        List<Received> stages = childrenOf(turn, null);
        assertThat(stages).extracting(Received::name).contains("stt", "llm", "tool check_availability", "tts");
        assertThat(stages).allSatisfy(stage -> {
            assertThat(stage.traceId()).isEqualTo(call.traceId());
            assertThat(stage.startNanos()).isBetween(turn.startNanos(), stage.endNanos());
            assertThat(stage.endNanos()).isLessThanOrEqualTo(turn.endNanos());
        });
        Received model = stages.stream().filter(stage -> stage.name().equals("llm")).findFirst().orElseThrow();
        assertThat(model.events()).contains("first token");
        assertThat(model.attributes()).containsEntry("firstbyte.provider", "simulated").containsKey("firstbyte.first_token_ms");

        for (String line : List.of("call " + caller.callSid + " started", "call " + caller.callSid + " ended")) {
            assertThat(output.getOut().lines().filter(logged -> logged.contains(line))).singleElement().asString()
                    .contains(call.traceId());
        }
    }

    private static Received callSpan(String callSid) {
        return COLLECTOR.spans().stream()
                .filter(span -> span.name().equals("call") && callSid.equals(span.attributes().get("firstbyte.call_id")))
                .findFirst().orElse(null);
    }

    private static List<Received> childrenOf(Received parent, String name) {
        return COLLECTOR.spans().stream()
                .filter(span -> span.parentSpanId().equals(parent.spanId()) && (name == null || span.name().equals(name)))
                .toList();
    }

    private static OtlpReceiver collector() {
        try {
            OtlpReceiver receiver = new OtlpReceiver();
            System.setProperty(ENDPOINT, receiver.endpoint());
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
