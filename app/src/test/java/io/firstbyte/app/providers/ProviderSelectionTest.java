package io.firstbyte.app.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.llm.openai.OpenAiConfig;
import io.firstbyte.adapters.stt.deepgram.DeepgramSttConfig;
import io.firstbyte.adapters.tts.cartesia.CartesiaConfig;
import io.firstbyte.adapters.tts.deepgram.AuraConfig;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    static final String DEEPGRAM_KEY = "dg-secret-1111";
    static final String OPENAI_KEY = "sk-secret-2222";
    static final String CARTESIA_KEY = "ca-secret-3333";
    static final String TENANT_KEY = "el-tenant-secret-4444";

    /** A selection with these stage lists and these keys (blank = not configured). */
    static ProviderSelection selection(String stt, String llm, String tts, String deepgramKey, String openAiKey,
                                       String cartesiaKey) {
        return new ProviderSelection(ProviderSelection.list(stt), ProviderSelection.list(llm), ProviderSelection.list(tts),
                DeepgramSttConfig.of("ws://127.0.0.1:1/v1/listen", deepgramKey),
                Map.of("openai", OpenAiConfig.of("openai", "https://api.openai.com/v1", openAiKey, "gpt-4o-mini"),
                        "ollama", OpenAiConfig.of("ollama", "http://127.0.0.1:11434/v1", "", "llama3.2")),
                CartesiaConfig.of("ws://127.0.0.1:1/tts/websocket", cartesiaKey, "voice-a"),
                ElevenLabsConfig.of("ws://127.0.0.1:1", "", "voice-b"),
                AuraConfig.of("ws://127.0.0.1:1/v1/speak", deepgramKey));
    }

    @Test
    void listsAreTrimmedLowerCasedAndDeduplicated() {
        assertThat(ProviderSelection.list(" Cartesia, aura ,,cartesia")).containsExactly("cartesia", "aura");
    }

    @Test
    void simulatedNeedsNothing() {
        assertThat(selection("simulated", "simulated", "simulated", "", "", "").problems()).isEmpty();
    }

    @Test
    void everyChosenProviderWithoutItsKeyIsNamedWithTheVariableToSet() {
        List<String> problems = selection("deepgram", "openai", "cartesia,aura", "", "", "").problems();

        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("DEEPGRAM_API_KEY", "OPENAI_API_KEY", "CARTESIA_API_KEY",
                "FIRSTBYTE_TTS=aura");
    }

    @Test
    void unknownProvidersAreNamed() {
        assertThat(selection("whisper", "claude", "polly", "", "", "").problems())
                .anySatisfy(p -> assertThat(p).contains("'whisper'"))
                .anySatisfy(p -> assertThat(p).contains("'claude'", "llm-servers"))
                .anySatisfy(p -> assertThat(p).contains("'polly'"));
    }

    @Test
    void aLocalPlainHttpModelServerMayRunWithoutAKey() {
        assertThat(selection("simulated", "ollama", "simulated", "", "", "").problems()).isEmpty();
    }

    @Test
    void configuredKeysSatisfyTheCheck() {
        assertThat(selection("deepgram", "openai,ollama", "cartesia,aura", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY).problems())
                .isEmpty();
    }

    @Test
    void noKeyAppearsInToStringOrTheStartUpDescription() {
        ProviderSelection chosen = selection("deepgram", "openai", "cartesia,aura", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY)
                .withTenant(Map.of("tts", "elevenlabs"), Map.of("elevenlabs", TENANT_KEY));

        for (String text : List.of(chosen.toString(), chosen.describe())) {
            assertThat(text).doesNotContain(DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY, TENANT_KEY, "secret");
        }
        assertThat(chosen.describe()).contains("deepgram", "gpt-4o-mini", "elevenlabs (voice voice-b");
    }

    @Test
    void aTenantChoosesItsOwnVoiceModelAndKeyOverTheServerDefaults() {
        ProviderSelection server = selection("deepgram", "openai", "cartesia,aura", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY);

        ProviderSelection tenant = server.withTenant(
                Map.of("tts", "elevenlabs, cartesia", "voice", "tenant-voice", "llm-model", "gpt-4o", "language", "de-DE"),
                Map.of("elevenlabs", TENANT_KEY));

        assertThat(tenant.tts()).containsExactly("elevenlabs", "cartesia");
        assertThat(tenant.elevenLabs().voiceId()).isEqualTo("tenant-voice");
        assertThat(tenant.elevenLabs().apiKey()).isEqualTo(TENANT_KEY);
        assertThat(tenant.cartesia().voiceId()).as("the voice applies to the first provider only").isEqualTo("voice-a");
        assertThat(tenant.cartesia().apiKey()).isEqualTo(CARTESIA_KEY);
        assertThat(tenant.llmServers().get("openai").model()).isEqualTo("gpt-4o");
        assertThat(tenant.llmServers().get("openai").apiKey()).isEqualTo(OPENAI_KEY);
        assertThat(tenant.deepgram().language()).isEqualTo("de-DE");
        assertThat(tenant.stt()).isEqualTo(server.stt());
        assertThat(tenant.problems()).isEmpty();
    }

    @Test
    void aTenantWithNothingToChangeHasTheServerSelection() {
        ProviderSelection server = selection("deepgram", "openai", "cartesia", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY);

        assertThat(server.withTenant(Map.of(), Map.of())).isEqualTo(server);
    }
}
