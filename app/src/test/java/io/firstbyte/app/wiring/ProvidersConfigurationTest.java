package io.firstbyte.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.config.ProviderProperties;
import io.firstbyte.app.providers.ProviderSelection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Start-up selection from configuration, bound the way the server binds it. */
class ProvidersConfigurationTest {

    private static ProviderProperties bind(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of(
                "firstbyte.providers.stt", "simulated", "firstbyte.providers.llm", "simulated",
                "firstbyte.providers.tts", "simulated", "firstbyte.providers.simulated.profile", "fast"));
        all.putAll(values);
        return new Binder(new MapConfigurationPropertySource(all)).bind("firstbyte.providers", ProviderProperties.class).get();
    }

    @Test
    void aChosenProviderWithoutItsKeyStopsStartUpWithOneMessageNamingEveryMissingKey() {
        ProviderProperties properties = bind(Map.of("firstbyte.providers.stt", "deepgram",
                "firstbyte.providers.tts", "cartesia,aura", "firstbyte.providers.cartesia.voice", "v1"));

        assertThatThrownBy(() -> new ProvidersConfiguration().defaultProviderSelection(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DEEPGRAM_API_KEY")
                .hasMessageContaining("CARTESIA_API_KEY")
                .hasMessageContaining("FIRSTBYTE_TTS=aura");
    }

    @Test
    void providersKeysAndBaseUrlsComeFromConfigurationAndStayOutOfToString() {
        Map<String, String> values = new HashMap<>();
        values.put("firstbyte.providers.stt", "deepgram");
        values.put("firstbyte.providers.llm", "openai,groq");
        values.put("firstbyte.providers.tts", "cartesia,aura");
        values.put("firstbyte.providers.deepgram.api-key", "dg-secret-key");
        values.put("firstbyte.providers.deepgram.listen-url", "ws://127.0.0.1:9/v1/listen");
        values.put("firstbyte.providers.llm-servers.openai.base-url", "http://127.0.0.1:9/v1");
        values.put("firstbyte.providers.llm-servers.openai.api-key", "sk-secret-key");
        values.put("firstbyte.providers.llm-servers.openai.model", "gpt-4o-mini");
        values.put("firstbyte.providers.llm-servers.groq.base-url", "https://api.groq.com/openai/v1");
        values.put("firstbyte.providers.llm-servers.groq.api-key", "gsk-secret-key");
        values.put("firstbyte.providers.llm-servers.groq.model", "llama-3.3-70b-versatile");
        values.put("firstbyte.providers.cartesia.api-key", "ca-secret-key");
        values.put("firstbyte.providers.cartesia.voice", "voice-1");
        values.put("firstbyte.providers.cartesia.url", "ws://127.0.0.1:9/tts/websocket");
        ProviderProperties properties = bind(values);

        ProviderSelection selection = new ProvidersConfiguration().defaultProviderSelection(properties);

        assertThat(selection.llm()).containsExactly("openai", "groq");
        assertThat(selection.llmServers().get("groq").model()).isEqualTo("llama-3.3-70b-versatile");
        assertThat(selection.deepgram().url()).isEqualTo("ws://127.0.0.1:9/v1/listen");
        assertThat(selection.aura().apiKey()).as("Aura falls back to the Deepgram key").isEqualTo("dg-secret-key");
        assertThat(selection.cartesia().url()).isEqualTo("ws://127.0.0.1:9/tts/websocket");
        for (String text : new String[] {properties.toString(), selection.toString(), selection.describe()}) {
            assertThat(text).doesNotContain("secret");
        }
    }

    @Test
    void aSecondModelServerCanBeNamedFromEnvironmentVariablesAlone() {
        Map<String, Object> env = Map.of("FIRSTBYTE_PROVIDERS_STT", "simulated", "FIRSTBYTE_PROVIDERS_LLM", "openai,groq",
                "FIRSTBYTE_PROVIDERS_TTS", "simulated", "FIRSTBYTE_PROVIDERS_SIMULATED_PROFILE", "fast",
                "FIRSTBYTE_PROVIDERS_LLMSERVERS_OPENAI_BASEURL", "https://api.openai.com/v1",
                "FIRSTBYTE_PROVIDERS_LLMSERVERS_OPENAI_APIKEY", "sk-1", "FIRSTBYTE_PROVIDERS_LLMSERVERS_OPENAI_MODEL", "gpt-4o-mini",
                "FIRSTBYTE_PROVIDERS_LLMSERVERS_GROQ_BASEURL", "https://api.groq.com/openai/v1",
                "FIRSTBYTE_PROVIDERS_LLMSERVERS_GROQ_APIKEY", "gsk-1",
                "FIRSTBYTE_PROVIDERS_LLMSERVERS_GROQ_MODEL", "llama-3.3-70b-versatile");
        var source = new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env);
        ProviderProperties properties = new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources
                .from(source)).bind("firstbyte.providers", ProviderProperties.class).get();

        ProviderSelection selection = new ProvidersConfiguration().defaultProviderSelection(properties);

        assertThat(selection.llm()).containsExactly("openai", "groq");
        assertThat(selection.llmServers().get("groq").baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(selection.llmServers().get("groq").model()).isEqualTo("llama-3.3-70b-versatile");
    }
}
