package io.firstbyte.adapters.stt.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenUrlTest {

    @Test
    void defaultsAskForMulawAt8kWithInterimEndpointingUtteranceEndAndVadEvents() {
        assertThat(ListenUrl.of(DeepgramSttConfig.of("wss://api.deepgram.com/v1/listen", "k")))
                .isEqualTo("wss://api.deepgram.com/v1/listen?model=nova-3&language=en-US&encoding=mulaw&sample_rate=8000"
                        + "&channels=1&interim_results=true&endpointing=300&utterance_end_ms=1000&vad_events=true"
                        + "&smart_format=true&punctuate=true");
    }

    @Test
    void negativeEndpointingDisablesItAndExtraParametersAreEncoded() {
        DeepgramSttConfig base = DeepgramSttConfig.of("wss://x/v1/listen", "k");
        DeepgramSttConfig custom = new DeepgramSttConfig(base.url(), "k", "nova-3", "en-US", false, -1, 0, false, false,
                false, Map.of("keyterm", "hair cut"), Duration.ofSeconds(4), 250, false, base.vad(), Duration.ofSeconds(3),
                Duration.ofSeconds(2));

        assertThat(ListenUrl.of(custom)).contains("endpointing=false").doesNotContain("utterance_end_ms")
                .endsWith("&keyterm=hair+cut");
    }
}
