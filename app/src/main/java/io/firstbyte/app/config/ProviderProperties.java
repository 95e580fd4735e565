package io.firstbyte.app.config;

import io.firstbyte.adapters.http.Secrets;
import io.firstbyte.adapters.stt.deepgram.DeepgramSttConfig;
import io.firstbyte.adapters.tts.cartesia.CartesiaConfig;
import io.firstbyte.adapters.tts.deepgram.AuraConfig;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsConfig;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which providers serve each stage and how to reach them. {@code stt}, {@code llm} and {@code tts}
 * are ordered failover lists ({@code cartesia,aura}); {@code simulated} needs no key. Language
 * models are named OpenAI-compatible servers ({@code llmServers}; {@code openai} is predefined), so
 * {@code llm: openai,groq} fails over from one to the other. Keys come from the environment and
 * never appear in {@code toString()}. {@code guard} holds the timeouts and breaker of each stage's providers.
 */
@Validated
@ConfigurationProperties("firstbyte.providers")
public record ProviderProperties(@NotBlank String stt, @NotBlank String llm, @NotBlank String tts, Simulated simulated,
                                 @DefaultValue Deepgram deepgram, @Nullable Map<String, LlmServer> llmServers,
                                 @DefaultValue Cartesia cartesia, @DefaultValue ElevenLabs elevenlabs, @DefaultValue Aura aura,
                                 @DefaultValue Guards guard) {

    public record Simulated(@NotBlank String profile, @Nullable Map<String, Profile> profiles) {

        public Map<String, Profile> profilesOrEmpty() {
            return profiles == null ? Map.of() : profiles;
        }
    }

    /** A latency profile as a handful of numbers anyone can set. */
    public record Profile(Duration sttEndOfSpeechDelay, Duration sttInterimInterval, Duration llmFirstTokenDelay,
                          double llmTokensPerSecond, Duration ttsFirstByteDelay, double ttsRealTimeFactor, double jitter) {
    }

    /** Deepgram live listening (and the default key of Aura). */
    public record Deepgram(@DefaultValue("") String apiKey, @DefaultValue(DeepgramSttConfig.PRODUCTION_URL) String listenUrl,
                           @DefaultValue("nova-3") String model, @DefaultValue("en-US") String language,
                           @DefaultValue("300ms") Duration endpointing, @DefaultValue("1000ms") Duration utteranceEnd,
                           @Nullable Map<String, String> extraParams) {
        @Override
        public String toString() {
            return "Deepgram[listenUrl=" + listenUrl + ", apiKey=" + Secrets.mask(apiKey) + ", model=" + model + "]";
        }
    }

    /** One OpenAI-compatible Chat Completions server: OpenAI, Groq, Together, Ollama, vLLM, llama.cpp... */
    public record LlmServer(String baseUrl, @DefaultValue("") String apiKey, String model, @Nullable Double temperature,
                            @Nullable Integer maxTokens) {
        @Override
        public String toString() {
            return "LlmServer[baseUrl=" + baseUrl + ", apiKey=" + Secrets.mask(apiKey) + ", model=" + model + "]";
        }
    }

    public record Cartesia(@DefaultValue("") String apiKey, @DefaultValue(CartesiaConfig.PRODUCTION_URL) String url,
                           @DefaultValue("") String voice, @DefaultValue("sonic-2") String model,
                           @DefaultValue("2025-04-16") String version, @DefaultValue("en") String language) {
        @Override
        public String toString() {
            return "Cartesia[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", voice=" + voice + "]";
        }
    }

    public record ElevenLabs(@DefaultValue("") String apiKey, @DefaultValue(ElevenLabsConfig.PRODUCTION_URL) String url,
                             @DefaultValue("21m00Tcm4TlvDq8ikWAM") String voice,
                             @DefaultValue("eleven_flash_v2_5") String model) {
        @Override
        public String toString() {
            return "ElevenLabs[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", voice=" + voice + "]";
        }
    }

    /** Deepgram Aura speech; a blank key uses the Deepgram key. */
    public record Aura(@DefaultValue("") String apiKey, @DefaultValue(AuraConfig.PRODUCTION_URL) String url,
                       @DefaultValue("aura-2-thalia-en") String voice) {
        @Override
        public String toString() {
            return "Aura[url=" + url + ", apiKey=" + Secrets.mask(apiKey) + ", voice=" + voice + "]";
        }
    }

    public record Guards(@Nullable Guard llm, @Nullable Guard tts) {
    }

    /** Timeouts, retries before the first result, and the circuit breaker of each provider of a stage. */
    public record Guard(Duration firstResult, Duration gap, int retries, Duration retryBackoff, Duration maxRetryAfter,
                        float breakerFailureRatePercent, int breakerWindow, int breakerMinimumCalls,
                        Duration breakerOpenFor) {
    }

    public boolean allSimulated() {
        return "simulated".equals(stt) && "simulated".equals(llm) && "simulated".equals(tts);
    }
}
