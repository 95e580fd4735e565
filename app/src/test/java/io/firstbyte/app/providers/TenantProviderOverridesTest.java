package io.firstbyte.app.providers;

import static io.firstbyte.app.providers.ProviderSelectionTest.CARTESIA_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.DEEPGRAM_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.OPENAI_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.selection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class TenantProviderOverridesTest {

    private final ProviderSelection server = selection("simulated", "openai", "cartesia", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY);

    private TenantProviderOverrides overrides(String settingsJson, Map<String, String> keys, AtomicInteger lookups) {
        return new TenantProviderOverrides(server, tenant -> {
            lookups.incrementAndGet();
            return settingsJson.isEmpty() ? Mono.empty() : Mono.just(settingsJson);
        }, tenant -> Mono.just(keys), Duration.ofMinutes(1));
    }

    @Test
    void aTenantWithoutSettingsOrKeysUsesTheServerProviders() {
        assertThat(overrides("", Map.of(), new AtomicInteger()).forTenant("t1").block()).isEmpty();
    }

    @Test
    void aTenantsSettingsAndStoredKeysMakeItsSelectionLookedUpOncePerTtl() {
        AtomicInteger lookups = new AtomicInteger();
        TenantProviderOverrides overrides = overrides("{\"stt\":\"deepgram\",\"tts\":\"aura\",\"voice\":\"aura-2-luna-en\",\"x\":{}}",
                Map.of("deepgram", "tenant-dg-key", "unrelated", "ignored"), lookups);

        Optional<ProviderSelection> chosen = overrides.forTenant("t1").block();
        overrides.forTenant("t1").block();

        assertThat(chosen).hasValueSatisfying(selection -> {
            assertThat(selection.stt()).containsExactly("deepgram");
            assertThat(selection.deepgram().apiKey()).isEqualTo("tenant-dg-key");
            assertThat(selection.tts()).containsExactly("aura");
            assertThat(selection.aura().model()).isEqualTo("aura-2-luna-en");
            assertThat(selection.aura().apiKey()).isEqualTo("tenant-dg-key");
        });
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aChoiceThatCannotWorkFallsBackToTheServerProviders() {
        assertThat(overrides("{\"tts\":\"elevenlabs\"}", Map.of(), new AtomicInteger()).forTenant("t1").block())
                .as("elevenlabs has no key, neither the server's nor the tenant's").isEmpty();
        assertThat(overrides("{\"llm\":\"nope\"}", Map.of(), new AtomicInteger()).forTenant("t1").block()).isEmpty();
    }
}
