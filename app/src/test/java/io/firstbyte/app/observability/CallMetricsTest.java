package io.firstbyte.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.adapters.llm.openai.OpenAiConfig;
import io.firstbyte.adapters.stt.deepgram.DeepgramSttConfig;
import io.firstbyte.adapters.tts.cartesia.CartesiaConfig;
import io.firstbyte.adapters.tts.deepgram.AuraConfig;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsConfig;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    private static final long MS = 1_000_000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProviderSelection providers = new ProviderSelection(List.of("deepgram"), List.of("openai"),
            List.of("cartesia", "aura"), DeepgramSttConfig.of("ws://127.0.0.1:1/v1/listen", "dg"),
            Map.of("openai", OpenAiConfig.of("openai", "http://127.0.0.1:1/v1", "sk", "gpt-4o-mini")),
            CartesiaConfig.of("ws://127.0.0.1:1/tts/websocket", "ca", "voice-a"), ElevenLabsConfig.of("ws://127.0.0.1:1", "", "v"),
            AuraConfig.of("ws://127.0.0.1:1/v1/speak", "dg"));
    private final CallMetrics metrics = new CallMetrics(registry, new LiveCalls(), 2, call -> providers);

    private static CallContext callOf(String tenant) {
        return new CallContext("CA-" + tenant, "MZ", "+15550001111", "+15550100100", Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, tenant));
    }

    private static TurnTrace turn() {
        return new TurnTrace(1, "hi", 0, 250 * MS, 260 * MS, 600 * MS, List.of(), 700 * MS, 720 * MS, 700 * MS, false);
    }

    @Test
    void aCallsMetersCarryItsTenantGatewayAndTheStagesProviders() {
        CallLabels labels = metrics.labels(callOf("t1"), "telnyx");
        CallObserver observer = metrics.observer(labels, (trace, meters) -> { });
        observer.turnTraced(turn());
        metrics.callEnded(labels, "caller");

        assertThat(registry.get("firstbyte.calls.started").tags("tenant", "t1", "gateway", "telnyx").counter().count()).isEqualTo(1);
        assertThat(registry.get("firstbyte.calls.ended").tags("tenant", "t1", "gateway", "telnyx", "reason", "caller")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("firstbyte.turn.ttfb").tags("tenant", "t1", "gateway", "telnyx").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(720);
        assertThat(registry.get("firstbyte.turn.stage").tags("stage", "stt_final", "provider", "deepgram").timer().count()).isEqualTo(1);
        assertThat(registry.get("firstbyte.turn.stage").tags("stage", "model_first_token", "provider", "openai").timer().count()).isEqualTo(1);
        assertThat(registry.get("firstbyte.turn.stage").tags("stage", "tts_first_byte", "provider", "cartesia").timer().count()).isEqualTo(1);
    }

    @Test
    void tenantsBeyondTheLimitAreCountedAsOther() {
        for (String tenant : List.of("t1", "t2", "t3", "t4")) {
            metrics.callEnded(metrics.labels(callOf(tenant), "twilio"), "caller");
        }

        assertThat(registry.find("firstbyte.calls.ended").tag("reason", "caller").meters()).extracting(meter -> meter.getId().getTag("tenant"))
                .containsExactlyInAnyOrder("t1", "t2", "other");
        assertThat(registry.get("firstbyte.calls.ended").tags("tenant", "other", "reason", "caller").counter().count()).isEqualTo(2);
    }

    @Test
    void aTenantThatFallsOutOfTheTopLosesItsOwnSeries() {
        metrics.labels(callOf("t1"), "twilio");
        metrics.labels(callOf("t1"), "twilio");
        metrics.labels(callOf("t2"), "twilio");
        for (int i = 0; i < 3; i++) {
            metrics.labels(callOf("t3"), "twilio");
        }

        assertThat(registry.find("firstbyte.calls.started").meters()).extracting(meter -> meter.getId().getTag("tenant"))
                .contains("t1", "t3").doesNotContain("t2");
    }

    @Test
    void aBargeInIsTimedFromTheCallersSpeechOnsetToTheLastAgentAudio() {
        CallObserver observer = metrics.observer(metrics.labels(callOf("t1"), "twilio"), (trace, meters) -> { });

        observer.bargeInHeard(Duration.ofMillis(80).toNanos());

        assertThat(registry.get("firstbyte.bargein.latency").tags("tenant", "t1", "gateway", "twilio").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80);
    }
}
