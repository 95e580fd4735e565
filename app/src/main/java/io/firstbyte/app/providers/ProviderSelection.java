package io.firstbyte.app.providers;

import io.firstbyte.adapters.llm.openai.OpenAiConfig;
import io.firstbyte.adapters.stt.deepgram.DeepgramSttConfig;
import io.firstbyte.adapters.tts.cartesia.CartesiaConfig;
import io.firstbyte.adapters.tts.deepgram.AuraConfig;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which providers serve a call's stages, in failover order, and each one's settings and key: the
 * server's default, or a tenant's override of it ({@link #withTenant}). Equal selections share
 * their providers (pools, sockets, breakers). {@code toString()} masks every key.
 */
public record ProviderSelection(List<String> stt, List<String> llm, List<String> tts, DeepgramSttConfig deepgram,
                                Map<String, OpenAiConfig> llmServers, CartesiaConfig cartesia,
                                ElevenLabsConfig elevenLabs, AuraConfig aura) {

    public static final String SIMULATED = "simulated";
    public static final Set<String> SPEECH_TO_TEXT = Set.of(SIMULATED, "deepgram");
    public static final Set<String> TEXT_TO_SPEECH = Set.of(SIMULATED, "cartesia", "elevenlabs", "aura");

    public ProviderSelection {
        stt = List.copyOf(stt);
        llm = List.copyOf(llm);
        tts = List.copyOf(tts);
        llmServers = Map.copyOf(llmServers);
    }

    /** {@code "cartesia, aura"} as {@code [cartesia, aura]}. */
    public static List<String> list(String names) {
        return Arrays.stream(names.split(",")).map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).distinct().toList();
    }

    /**
     * What is wrong with this selection, one line per problem (unknown provider, missing key), each
     * naming the environment variable or property that fixes it; empty when it can serve calls.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (stt.isEmpty() || llm.isEmpty() || tts.isEmpty()) {
            problems.add("every stage needs at least one provider (FIRSTBYTE_STT, FIRSTBYTE_LLM, FIRSTBYTE_TTS)");
        }
        for (String name : stt) {
            if (!SPEECH_TO_TEXT.contains(name)) {
                problems.add("unknown speech-to-text provider '" + name + "' (FIRSTBYTE_STT): use one of " + SPEECH_TO_TEXT);
            } else if (name.equals("deepgram") && deepgram.apiKey().isBlank()) {
                problems.add("FIRSTBYTE_STT=deepgram needs DEEPGRAM_API_KEY (firstbyte.providers.deepgram.api-key)");
            }
        }
        for (String name : llm) {
            if (name.equals(SIMULATED)) {
                continue;
            }
            OpenAiConfig server = llmServers.get(name);
            if (server == null) {
                problems.add("unknown language model '" + name + "' (FIRSTBYTE_LLM): use 'simulated' or a server under "
                        + "firstbyte.providers.llm-servers " + llmServers.keySet().stream().sorted().toList());
            } else if (server.apiKey().isBlank() && needsKey(server.baseUrl())) {
                problems.add("FIRSTBYTE_LLM=" + name + " needs a key: "
                        + (name.equals("openai") ? "OPENAI_API_KEY" : "firstbyte.providers.llm-servers." + name + ".api-key")
                        + " (only plain-http servers such as a local Ollama may run without one)");
            }
        }
        for (String name : tts) {
            if (!TEXT_TO_SPEECH.contains(name)) {
                problems.add("unknown text-to-speech provider '" + name + "' (FIRSTBYTE_TTS): use one of " + TEXT_TO_SPEECH);
            } else if (name.equals("cartesia") && cartesia.apiKey().isBlank()) {
                problems.add("FIRSTBYTE_TTS=cartesia needs CARTESIA_API_KEY (firstbyte.providers.cartesia.api-key)");
            } else if (name.equals("cartesia") && cartesia.voiceId().isBlank()) {
                problems.add("FIRSTBYTE_TTS=cartesia needs a voice: CARTESIA_VOICE (firstbyte.providers.cartesia.voice)");
            } else if (name.equals("elevenlabs") && elevenLabs.apiKey().isBlank()) {
                problems.add("FIRSTBYTE_TTS=elevenlabs needs ELEVENLABS_API_KEY (firstbyte.providers.elevenlabs.api-key)");
            } else if (name.equals("aura") && aura.apiKey().isBlank()) {
                problems.add("FIRSTBYTE_TTS=aura needs DEEPGRAM_API_KEY (firstbyte.providers.aura.api-key)");
            }
        }
        return problems;
    }

    /** A cloud endpoint (https) needs a key; a plain-http server on the local network may not. */
    private static boolean needsKey(String baseUrl) {
        return !"http".equalsIgnoreCase(URI.create(baseUrl).getScheme());
    }

    /** One line for the start-up log: which providers serve each stage, nothing secret. */
    public String describe() {
        return "speech-to-text " + String.join(" → ", stt.stream().map(this::describeStt).toList())
                + "; language model " + String.join(" → ", llm.stream().map(this::describeLlm).toList())
                + "; text-to-speech " + String.join(" → ", tts.stream().map(this::describeTts).toList());
    }

    private String describeStt(String name) {
        return name.equals("deepgram") ? "deepgram (" + deepgram.model() + ", " + deepgram.url() + ")" : name;
    }

    private String describeLlm(String name) {
        OpenAiConfig server = llmServers.get(name);
        return server == null ? name : name + " (" + server.model() + " at " + server.baseUrl() + ")";
    }

    private String describeTts(String name) {
        return switch (name) {
            case "cartesia" -> "cartesia (voice " + cartesia.voiceId() + ", " + cartesia.url() + ")";
            case "elevenlabs" -> "elevenlabs (voice " + elevenLabs.voiceId() + ", " + elevenLabs.baseUrl() + ")";
            case "aura" -> "aura (" + aura.model() + ", " + aura.url() + ")";
            default -> name;
        };
    }

    /**
     * This selection as a tenant overrides it: {@code settings} may name other providers per stage
     * ({@code stt}, {@code llm}, {@code tts}, comma lists) and other options ({@code llm-model},
     * {@code llm-base-url}, {@code stt-model}, {@code language}, {@code voice} for the first speech
     * provider); {@code keys} holds the tenant's own key per provider name ({@code deepgram},
     * {@code cartesia}, an LLM server's name...), used instead of the server's.
     */
    public ProviderSelection withTenant(Map<String, String> settings, Map<String, String> keys) {
        List<String> newStt = settings.containsKey("stt") ? list(settings.get("stt")) : stt;
        List<String> newLlm = settings.containsKey("llm") ? list(settings.get("llm")) : llm;
        List<String> newTts = settings.containsKey("tts") ? list(settings.get("tts")) : tts;

        DeepgramSttConfig dg = deepgram;
        String dgKey = keys.getOrDefault("deepgram", dg.apiKey());
        dg = new DeepgramSttConfig(dg.url(), dgKey, settings.getOrDefault("stt-model", dg.model()),
                settings.getOrDefault("language", dg.language()), dg.interimResults(), dg.endpointingMillis(),
                dg.utteranceEndMillis(), dg.vadEvents(), dg.smartFormat(), dg.punctuate(), dg.extraParams(),
                dg.keepAliveAfter(), dg.reconnectBufferFrames(), dg.finalizeOnSilence(), dg.vad(), dg.connectTimeout(),
                dg.closeTimeout());

        Map<String, OpenAiConfig> servers = new LinkedHashMap<>(llmServers);
        String primaryLlm = newLlm.isEmpty() ? "" : newLlm.getFirst();
        llmServers.forEach((name, server) -> {
            boolean primary = name.equals(primaryLlm);
            String baseUrl = primary ? settings.getOrDefault("llm-base-url", server.baseUrl()) : server.baseUrl();
            String model = primary ? settings.getOrDefault("llm-model", server.model()) : server.model();
            servers.put(name, new OpenAiConfig(server.provider(), baseUrl, keys.getOrDefault(name, server.apiKey()), model,
                    server.temperature(), server.maxTokens(), server.maxCompletionTokens(), server.toolChoice(),
                    server.parallelToolCalls(), server.includeUsage(), server.connectTimeout(), server.readTimeout(),
                    server.maxConnections(), server.maxIdle()));
        });

        String primaryTts = newTts.isEmpty() ? "" : newTts.getFirst();
        String voice = settings.get("voice");
        CartesiaConfig ca = new CartesiaConfig(cartesia.url(), keys.getOrDefault("cartesia", cartesia.apiKey()),
                cartesia.version(), cartesia.modelId(),
                voice != null && primaryTts.equals("cartesia") ? voice : cartesia.voiceId(),
                settings.getOrDefault("language", cartesia.language()).split("-")[0], cartesia.maxBufferDelayMs(),
                cartesia.connectTimeout());
        ElevenLabsConfig el = new ElevenLabsConfig(elevenLabs.baseUrl(), keys.getOrDefault("elevenlabs", elevenLabs.apiKey()),
                voice != null && primaryTts.equals("elevenlabs") ? voice : elevenLabs.voiceId(), elevenLabs.modelId(),
                elevenLabs.stability(), elevenLabs.similarityBoost(), elevenLabs.inactivityTimeoutSeconds(),
                elevenLabs.connectTimeout());
        AuraConfig au = new AuraConfig(aura.url(), keys.getOrDefault("aura", keys.getOrDefault("deepgram", aura.apiKey())),
                voice != null && primaryTts.equals("aura") ? voice : aura.model(), aura.connectTimeout());
        return new ProviderSelection(newStt, newLlm, newTts, dg, servers, ca, el, au);
    }

    /** The names a tenant's stored keys may have: the keyed providers and every language model server. */
    public Set<String> credentialNames() {
        Set<String> names = new java.util.TreeSet<>(List.of("deepgram", "cartesia", "elevenlabs", "aura"));
        names.addAll(llmServers.keySet());
        return names;
    }
}
