package io.firstbyte.app.wiring;

import io.firstbyte.adapters.sim.LatencyProfile;
import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.SimulatedLanguageModel;
import io.firstbyte.adapters.sim.SimulatedSpeechToText;
import io.firstbyte.adapters.sim.SimulatedTextToSpeech;
import io.firstbyte.app.config.ProviderProperties;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tts.TextToSpeech;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/**
 * The speech-to-text, language model and text-to-speech providers. With no provider configured
 * every stage is simulated (realistic timing, no bills), and the server says so once at start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
public class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

    @Bean
    LatencyProfiles latencyProfiles(ProviderProperties providers) {
        Map<String, LatencyProfile> configured = new LinkedHashMap<>();
        providers.simulated().profilesOrEmpty().forEach((name, p) -> configured.put(name, new LatencyProfile(
                p.sttEndOfSpeechDelay(), p.sttInterimInterval(), p.llmFirstTokenDelay(), p.llmTokensPerSecond(),
                p.ttsFirstByteDelay(), p.ttsRealTimeFactor(), p.jitter())));
        LatencyProfiles profiles = LatencyProfiles.builtIn().with(configured).withDefault(providers.simulated().profile());
        if (providers.allSimulated()) {
            log.info("No provider keys configured: using SIMULATED speech-to-text, language model and text-to-speech "
                    + "(latency profile '{}'; profiles: {}). Set FIRSTBYTE_STT/LLM/TTS and keys to use real providers.",
                    profiles.defaultName(), profiles.names());
        }
        return profiles;
    }

    @Bean
    SpeechToText speechToText(LatencyProfiles profiles, ProviderProperties providers) {
        requireSimulated("stt", providers.stt());
        return new SimulatedSpeechToText(profiles, Schedulers.parallel());
    }

    @Bean
    LanguageModel languageModel(LatencyProfiles profiles, ProviderProperties providers) {
        requireSimulated("llm", providers.llm());
        return new SimulatedLanguageModel(profiles, Clock.systemUTC(), Schedulers.parallel());
    }

    @Bean
    TextToSpeech textToSpeech(LatencyProfiles profiles, ProviderProperties providers) {
        requireSimulated("tts", providers.tts());
        return new SimulatedTextToSpeech(profiles, Schedulers.parallel());
    }

    private static void requireSimulated(String stage, String provider) {
        if (!"simulated".equals(provider)) {
            throw new IllegalStateException("Provider '" + provider + "' for " + stage
                    + " is not available in this build; use 'simulated'.");
        }
    }
}
