package io.firstbyte.app.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which provider serves each stage ({@code simulated} unless configured otherwise) and the
 * simulated providers' latency profiles: the built-in ones plus any defined here.
 */
@Validated
@ConfigurationProperties("firstbyte.providers")
public record ProviderProperties(@NotBlank String stt, @NotBlank String llm, @NotBlank String tts, Simulated simulated) {

    public record Simulated(@NotBlank String profile, @Nullable Map<String, Profile> profiles) {

        public Map<String, Profile> profilesOrEmpty() {
            return profiles == null ? Map.of() : profiles;
        }
    }

    /** A latency profile as a handful of numbers anyone can set. */
    public record Profile(Duration sttEndOfSpeechDelay, Duration sttInterimInterval, Duration llmFirstTokenDelay,
                          double llmTokensPerSecond, Duration ttsFirstByteDelay, double ttsRealTimeFactor, double jitter) {
    }

    public boolean allSimulated() {
        return "simulated".equals(stt) && "simulated".equals(llm) && "simulated".equals(tts);
    }
}
