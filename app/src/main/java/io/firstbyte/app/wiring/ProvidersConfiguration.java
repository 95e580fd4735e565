package io.firstbyte.app.wiring;

import io.firstbyte.adapters.guard.AllVoicesDownListener;
import io.firstbyte.adapters.guard.BreakerSettings;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.PreRenderedApology;
import io.firstbyte.adapters.llm.openai.OpenAiConfig;
import io.firstbyte.adapters.sim.LatencyProfile;
import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.stt.deepgram.DeepgramSttConfig;
import io.firstbyte.adapters.tts.cartesia.CartesiaConfig;
import io.firstbyte.adapters.tts.deepgram.AuraConfig;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsConfig;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.config.BookingProperties;
import io.firstbyte.app.config.CallProperties;
import io.firstbyte.app.config.ProviderProperties;
import io.firstbyte.app.providers.CallProviders;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.app.providers.ProviderStacks;
import io.firstbyte.app.providers.TenantProviderOverrides;
import io.firstbyte.app.tenant.TenantCredentials;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantStore;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tts.TextToSpeech;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.scheduler.Schedulers;

/**
 * The speech-to-text, language model and text-to-speech providers: the server's default selection
 * from configuration ({@code FIRSTBYTE_STT/LLM/TTS}, keys from the environment), checked at
 * start-up (a chosen provider without its key stops the server with one message naming what to
 * set), and per call the tenant's own selection when it has one. The server says once at start-up
 * which providers serve calls.
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
        return LatencyProfiles.builtIn().with(configured).withDefault(providers.simulated().profile());
    }

    @Bean
    ProviderSelection defaultProviderSelection(ProviderProperties providers) {
        ProviderSelection selection = selection(providers);
        var problems = selection.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The configured providers cannot serve calls:\n  - "
                    + String.join("\n  - ", problems));
        }
        return selection;
    }

    @Bean
    ProviderStacks providerStacks(LatencyProfiles profiles, ProviderProperties providers, CallProperties calls) {
        ProviderProperties.Guards guards = providers.guard();
        AllVoicesDownListener voicesDown = (call, failure) -> log.warn(
                "call {}: every speech provider failed ({}); the caller heard the apology and the call ends",
                call.callId(), failure.getMessage());
        return new ProviderStacks(profiles,
                guard(guards.llm(), GuardSettings.MODEL_DEFAULTS), guard(guards.tts(), GuardSettings.SPEECH_DEFAULTS),
                Schedulers.parallel(), Clock.systemUTC(), voicesDown, calls.vadSettings());
    }

    @Bean
    CallProviders callProviders(ProviderStacks stacks, ProviderSelection defaultProviderSelection, LatencyProfiles profiles,
                                ProviderProperties providers) {
        if (!defaultProviderSelection.tts().stream().allMatch(ProviderSelection.SIMULATED::equals)) {
            PreRenderedApology apology = stacks.renderApology(defaultProviderSelection, PreRenderedApology.DEFAULT_SENTENCE,
                    Duration.ofSeconds(5));
            stacks.useApology(apology);
            log.info("When no voice can answer, callers hear: {}", apology.description());
        }
        CallProviders callProviders = new CallProviders(stacks, defaultProviderSelection);
        if (providers.allSimulated()) {
            log.info("No provider keys configured: using SIMULATED speech-to-text, language model and text-to-speech "
                    + "(latency profile '{}'; profiles: {}). Set FIRSTBYTE_STT/LLM/TTS and keys to use real providers.",
                    profiles.defaultName(), profiles.names());
        } else {
            log.info("Providers: {}", defaultProviderSelection.describe());
        }
        return callProviders;
    }

    @Bean
    TenantProviderOverrides tenantProviderOverrides(ProviderSelection defaultProviderSelection,
                                                    DatabaseClient bookingDatabaseClient, QueryCounter bookingQueryCounter,
                                                    TenantCredentials credentials, BookingProperties booking) {
        TenantStore store = new TenantStore(bookingDatabaseClient, bookingQueryCounter);
        return new TenantProviderOverrides(defaultProviderSelection,
                tenantId -> TenantDirectory.parseUuid(tenantId).map(store::providerSettings).orElse(reactor.core.publisher.Mono.empty()),
                credentials::all, booking.catalogTtl());
    }

    @Bean
    SpeechToText speechToText(CallProviders providers) {
        return providers.speechToText();
    }

    @Bean
    LanguageModel languageModel(CallProviders providers) {
        return providers.languageModel();
    }

    @Bean
    TextToSpeech textToSpeech(CallProviders providers) {
        return providers.textToSpeech();
    }

    /** The server's default selection, from configuration. */
    static ProviderSelection selection(ProviderProperties p) {
        ProviderProperties.Deepgram dg = p.deepgram();
        DeepgramSttConfig base = DeepgramSttConfig.of(dg.listenUrl(), dg.apiKey());
        DeepgramSttConfig deepgram = new DeepgramSttConfig(base.url(), base.apiKey(), dg.model(), dg.language(),
                base.interimResults(), (int) dg.endpointing().toMillis(), (int) dg.utteranceEnd().toMillis(),
                base.vadEvents(), base.smartFormat(), base.punctuate(), dg.extraParams() == null ? Map.of() : dg.extraParams(),
                base.keepAliveAfter(), base.reconnectBufferFrames(), base.finalizeOnSilence(), base.vad(),
                base.connectTimeout(), base.closeTimeout());

        Map<String, OpenAiConfig> servers = new LinkedHashMap<>();
        (p.llmServers() == null ? Map.<String, ProviderProperties.LlmServer>of() : p.llmServers()).forEach((name, s) -> {
            OpenAiConfig of = OpenAiConfig.of(name, s.baseUrl(), s.apiKey(), s.model());
            servers.put(name, new OpenAiConfig(name, of.baseUrl(), of.apiKey(), of.model(),
                    s.temperature() != null ? s.temperature() : of.temperature(),
                    s.maxTokens() != null ? s.maxTokens() : of.maxTokens(), of.maxCompletionTokens(), of.toolChoice(),
                    of.parallelToolCalls(), of.includeUsage(), of.connectTimeout(), of.readTimeout(), of.maxConnections(),
                    of.maxIdle()));
        });

        ProviderProperties.Cartesia c = p.cartesia();
        CartesiaConfig cartesia = new CartesiaConfig(c.url(), c.apiKey(), c.version(), c.model(), c.voice(), c.language(),
                -1, Duration.ofSeconds(3));
        ProviderProperties.ElevenLabs e = p.elevenlabs();
        ElevenLabsConfig elDefaults = ElevenLabsConfig.of(e.url(), e.apiKey(), e.voice());
        ElevenLabsConfig elevenLabs = new ElevenLabsConfig(elDefaults.baseUrl(), elDefaults.apiKey(), elDefaults.voiceId(),
                e.model(), elDefaults.stability(), elDefaults.similarityBoost(), elDefaults.inactivityTimeoutSeconds(),
                elDefaults.connectTimeout());
        ProviderProperties.Aura a = p.aura();
        AuraConfig aura = new AuraConfig(a.url(), a.apiKey().isBlank() ? dg.apiKey() : a.apiKey(), a.voice(),
                Duration.ofSeconds(3));

        return new ProviderSelection(ProviderSelection.list(p.stt()), ProviderSelection.list(p.llm()),
                ProviderSelection.list(p.tts()), deepgram, servers, cartesia, elevenLabs, aura);
    }

    private static GuardSettings guard(ProviderProperties.@Nullable Guard g, GuardSettings defaults) {
        if (g == null) {
            return defaults;
        }
        BreakerSettings breaker = new BreakerSettings(g.breakerFailureRatePercent(), g.breakerWindow(),
                g.breakerMinimumCalls(), g.breakerOpenFor(), defaults.breaker().halfOpenCalls());
        return new GuardSettings(g.firstResult(), g.gap(), g.retries(), g.retryBackoff(), g.maxRetryAfter(), breaker);
    }
}
