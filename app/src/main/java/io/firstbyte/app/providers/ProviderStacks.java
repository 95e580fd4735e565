package io.firstbyte.app.providers;

import io.firstbyte.adapters.guard.AllVoicesDownListener;
import io.firstbyte.adapters.guard.FailoverLanguageModel;
import io.firstbyte.adapters.guard.FailoverSpeechToText;
import io.firstbyte.adapters.guard.FailoverTextToSpeech;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.GuardedLanguageModel;
import io.firstbyte.adapters.guard.PreRenderedApology;
import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.adapters.llm.openai.OpenAiChatModel;
import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.SimulatedLanguageModel;
import io.firstbyte.adapters.sim.SimulatedSpeechToText;
import io.firstbyte.adapters.sim.SimulatedTextToSpeech;
import io.firstbyte.adapters.stt.deepgram.DeepgramSpeechToText;
import io.firstbyte.adapters.tts.cartesia.CartesiaTextToSpeech;
import io.firstbyte.adapters.tts.deepgram.AuraTextToSpeech;
import io.firstbyte.adapters.tts.elevenlabs.ElevenLabsTextToSpeech;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tts.TextToSpeech;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Builds the providers a {@link ProviderSelection} names, each stage as its failover list with a
 * guard (timeouts, breaker, retries before the first result) per language model and per voice,
 * and keeps one set per distinct selection, so every call of a tenant shares its pools, warm
 * connections and breakers. A stage of only {@code simulated} is the simulated provider alone.
 */
public final class ProviderStacks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderStacks.class);
    /** Distinct selections kept; beyond this, a new tenant selection falls back to the server's default. */
    static final int MAX_STACKS = 1_000;

    /** One selection's three stages, ready for calls. */
    public record ProviderStack(SpeechToText stt, LanguageModel llm, TextToSpeech tts) {
    }

    private final LatencyProfiles profiles;
    private final GuardSettings llmGuard;
    private final GuardSettings ttsGuard;
    private final Scheduler scheduler;
    private final Clock clock;
    private final AllVoicesDownListener voicesDown;
    private final VadSettings listening;
    private final Map<ProviderSelection, ProviderStack> stacks = new ConcurrentHashMap<>();
    private final Map<ProviderSelection, List<ProviderGuard>> guards = new ConcurrentHashMap<>();
    private final List<Disposable> owned = new CopyOnWriteArrayList<>();
    private volatile PreRenderedApology apology = PreRenderedApology.informationTones();

    public ProviderStacks(LatencyProfiles profiles, GuardSettings llmGuard, GuardSettings ttsGuard, Scheduler scheduler,
                          Clock clock, AllVoicesDownListener voicesDown) {
        this(profiles, llmGuard, ttsGuard, scheduler, clock, voicesDown, VadSettings.DEFAULTS);
    }

    /** {@code listening}: the voice activity detector the simulated speech-to-text finds utterances with. */
    public ProviderStacks(LatencyProfiles profiles, GuardSettings llmGuard, GuardSettings ttsGuard, Scheduler scheduler,
                          Clock clock, AllVoicesDownListener voicesDown, VadSettings listening) {
        this.listening = listening;
        this.profiles = profiles;
        this.llmGuard = llmGuard;
        this.ttsGuard = ttsGuard;
        this.scheduler = scheduler;
        this.clock = clock;
        this.voicesDown = voicesDown;
    }

    /** The providers of {@code selection}, built the first time it is asked for. */
    public ProviderStack forSelection(ProviderSelection selection) {
        ProviderStack existing = stacks.get(selection);
        if (existing != null) {
            return existing;
        }
        if (stacks.size() >= MAX_STACKS) {
            throw new IllegalStateException("too many distinct provider selections (" + MAX_STACKS + ")");
        }
        return stacks.computeIfAbsent(selection, this::build);
    }

    /** The guards (and so the circuit breakers) of {@code selection}'s models and voices, once its stack is built. */
    public List<ProviderGuard> guards(ProviderSelection selection) {
        return List.copyOf(guards.getOrDefault(selection, List.of()));
    }

    /** The apology stacks built from now on play when none of their voices can answer. */
    public void useApology(PreRenderedApology rendered) {
        apology = rendered;
    }

    public PreRenderedApology apology() {
        return apology;
    }

    /**
     * Speaks {@code sentence} once with the first real voice of {@code selection}, unguarded, to have
     * an apology ready before any call needs it; the information tones stay when that fails.
     */
    public PreRenderedApology renderApology(ProviderSelection selection, String sentence, Duration timeout) {
        for (String name : selection.tts()) {
            if (!name.equals(ProviderSelection.SIMULATED)) {
                try {
                    PreRenderedApology rendered = PreRenderedApology.render(voice(name, selection), sentence, timeout).block();
                    if (rendered != null) {
                        return rendered;
                    }
                } catch (RuntimeException failed) {
                    log.warn("could not pre-render the apology with {} ({}); callers would hear information tones",
                            name, failed.getMessage());
                }
                break;
            }
        }
        return PreRenderedApology.informationTones();
    }

    private ProviderStack build(ProviderSelection selection) {
        return new ProviderStack(speechToText(selection), languageModel(selection), textToSpeech(selection));
    }

    private SpeechToText speechToText(ProviderSelection selection) {
        List<SpeechToText> providers = selection.stt().stream().map(name -> switch (name) {
            case "deepgram" -> (SpeechToText) new DeepgramSpeechToText(selection.deepgram());
            case ProviderSelection.SIMULATED -> new SimulatedSpeechToText(profiles, listening, scheduler);
            default -> throw new IllegalArgumentException("unknown speech-to-text provider " + name);
        }).toList();
        return providers.size() == 1 ? providers.getFirst() : new FailoverSpeechToText(providers);
    }

    private LanguageModel languageModel(ProviderSelection selection) {
        if (selection.llm().equals(List.of(ProviderSelection.SIMULATED))) {
            return simulatedModel();
        }
        List<LanguageModel> models = selection.llm().stream().map(name -> {
            if (name.equals(ProviderSelection.SIMULATED)) {
                return new GuardedLanguageModel(simulatedModel(), guard(selection, name, "llm", llmGuard));
            }
            var server = selection.llmServers().get(name);
            if (server == null) {
                throw new IllegalArgumentException("unknown language model server " + name);
            }
            OpenAiChatModel model = new OpenAiChatModel(server);
            owned.add(model);
            model.warmUp().onErrorComplete().subscribe();
            return (LanguageModel) new GuardedLanguageModel(model, guard(selection, name, "llm", llmGuard));
        }).toList();
        return new FailoverLanguageModel(models);
    }

    private SimulatedLanguageModel simulatedModel() {
        return new SimulatedLanguageModel(profiles, clock, scheduler);
    }

    private TextToSpeech textToSpeech(ProviderSelection selection) {
        if (selection.tts().equals(List.of(ProviderSelection.SIMULATED))) {
            return new SimulatedTextToSpeech(profiles, scheduler);
        }
        List<FailoverTextToSpeech.Voice> voices = selection.tts().stream()
                .map(name -> new FailoverTextToSpeech.Voice(voice(name, selection), guard(selection, name, "tts", ttsGuard)))
                .toList();
        return new FailoverTextToSpeech(voices, apology, voicesDown);
    }

    /** A guard whose breaker's meters say its stage ({@code component} llm or tts; resilience4j uses {@code kind} itself). */
    private ProviderGuard guard(ProviderSelection selection, String name, String component, GuardSettings settings) {
        ProviderGuard guard = new ProviderGuard(name, settings,
                ProviderGuard.breaker(name, settings, scheduler, Map.of("component", component)), scheduler);
        guards.computeIfAbsent(selection, key -> new CopyOnWriteArrayList<>()).add(guard);
        return guard;
    }

    private TextToSpeech voice(String name, ProviderSelection selection) {
        return switch (name) {
            case "cartesia" -> new CartesiaTextToSpeech(selection.cartesia());
            case "elevenlabs" -> new ElevenLabsTextToSpeech(selection.elevenLabs());
            case "aura" -> new AuraTextToSpeech(selection.aura());
            case ProviderSelection.SIMULATED -> new SimulatedTextToSpeech(profiles, scheduler);
            default -> throw new IllegalArgumentException("unknown text-to-speech provider " + name);
        };
    }

    @Override
    public void close() {
        owned.forEach(Disposable::dispose);
    }
}
