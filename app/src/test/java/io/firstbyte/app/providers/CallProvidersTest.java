package io.firstbyte.app.providers;

import static io.firstbyte.app.providers.ProviderSelectionTest.CARTESIA_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.DEEPGRAM_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.OPENAI_KEY;
import static io.firstbyte.app.providers.ProviderSelectionTest.selection;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverLanguageModel;
import io.firstbyte.adapters.guard.FailoverTextToSpeech;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.SimulatedLanguageModel;
import io.firstbyte.adapters.sim.SimulatedSpeechToText;
import io.firstbyte.adapters.sim.SimulatedTextToSpeech;
import io.firstbyte.adapters.stt.deepgram.DeepgramSpeechToText;
import io.firstbyte.pipeline.call.CallContext;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

class CallProvidersTest {

    private final ProviderStacks stacks = new ProviderStacks(LatencyProfiles.builtIn(), GuardSettings.MODEL_DEFAULTS,
            GuardSettings.SPEECH_DEFAULTS, Schedulers.parallel(), Clock.systemUTC(), (call, failure) -> { });
    private final ProviderSelection server = selection("simulated", "simulated", "simulated", DEEPGRAM_KEY, OPENAI_KEY, CARTESIA_KEY);
    private final CallProviders providers = new CallProviders(stacks, server);

    private static CallContext call(String id) {
        return new CallContext(id, "MZ", "+15550001111", "+15550100100", Map.of(), Map.of());
    }

    @Test
    void aCallWithoutATenantChoiceGetsTheServerProviders() {
        ProviderStacks.ProviderStack stack = providers.stackFor(call("CA1"));

        assertThat(stack.stt()).isInstanceOf(SimulatedSpeechToText.class);
        assertThat(stack.llm()).isInstanceOf(SimulatedLanguageModel.class);
        assertThat(stack.tts()).isInstanceOf(SimulatedTextToSpeech.class);
    }

    @Test
    void aCallOfATenantWithItsOwnChoiceGetsItsProvidersSharedAcrossItsCalls() {
        ProviderSelection tenant = server.withTenant(Map.of("stt", "deepgram", "llm", "openai", "tts", "cartesia,aura"), Map.of());

        ProviderStacks.ProviderStack first = providers.stackFor(call("CA1").withAttribute(CallProviders.ATTRIBUTE, tenant));
        ProviderStacks.ProviderStack second = providers.stackFor(call("CA2").withAttribute(CallProviders.ATTRIBUTE, tenant));

        assertThat(first.stt()).isInstanceOf(DeepgramSpeechToText.class);
        assertThat(first.llm()).isInstanceOf(FailoverLanguageModel.class);
        assertThat(first.tts()).isInstanceOf(FailoverTextToSpeech.class);
        assertThat(second).isSameAs(first);
        assertThat(providers.stackFor(call("CA3"))).isNotSameAs(first);
        stacks.close();
    }

    @Test
    void theGuardsOfASelectionAreKnownWithTheirStageForTheirBreakersMeters() {
        ProviderSelection failover = selection("simulated", "simulated,ollama", "simulated", "", "", "");
        providers.stackFor(call("CA1").withAttribute(CallProviders.ATTRIBUTE, failover));

        assertThat(stacks.guards(failover)).extracting(guard -> guard.provider() + ":" + guard.breaker().getTags().get("component"))
                .containsExactly("simulated:llm", "ollama:llm");
        assertThat(stacks.guards(server)).as("simulated alone is not guarded").isEmpty();
        assertThat(providers.selectionFor(call("CA2"))).isSameAs(server);
        stacks.close();
    }
}
