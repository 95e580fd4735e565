package io.firstbyte.bench.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

class FakeProvidersTest {

    @Test
    void theServerEnvironmentPointsEachStageAtItsFake() {
        try (FakeProviders fakes = FakeProviders.start("k1", FakeLatency.named("none"), List.of("hello"), 0, 0, 0)) {
            assertThat(fakes.serverEnvironment()).contains("FIRSTBYTE_STT=deepgram", "FIRSTBYTE_LLM=openai",
                    "FIRSTBYTE_TTS=cartesia", "DEEPGRAM_LISTEN_URL=" + fakes.stt().listenUrl(),
                    "OPENAI_BASE_URL=" + fakes.llm().baseUrl(), "CARTESIA_URL=" + fakes.tts().url(), "CARTESIA_API_KEY=k1");
        }
    }

    @Test
    void theFakeModelAnswersACallersRequestWithAnAvailabilityCheckAfterItsFirstTokenDelay() {
        try (FakeProviders fakes = FakeProviders.start("k1", FakeLatency.named("typical-cloud"), List.of(), 0, 0, 0)) {
            String request = """
                    {"model":"fake-model","stream":true,
                     "messages":[{"role":"system","content":"You book."},{"role":"user","content":"A haircut tomorrow?"}],
                     "tools":[{"type":"function","function":{"name":"check_availability","parameters":{}}}]}""";
            long started = System.nanoTime();
            String body = HttpClient.create().headers(h -> h.add("Authorization", "Bearer k1").add("Content-Type", "application/json"))
                    .post().uri(fakes.llm().baseUrl() + "/chat/completions")
                    .send((req, out) -> out.sendString(Mono.just(request)))
                    .responseContent().aggregate().asString().block(Duration.ofSeconds(10));

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(body).contains("\"name\":\"check_availability\"", "Haircut", "\"finish_reason\":\"tool_calls\"", "[DONE]");
        }
    }

    @Test
    void unknownLatencyProfilesAreRefused() {
        assertThatThrownBy(() -> FakeLatency.named("lunar")).hasMessageContaining("typical-cloud");
    }
}
