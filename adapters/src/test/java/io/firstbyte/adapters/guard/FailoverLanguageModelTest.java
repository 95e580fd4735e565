package io.firstbyte.adapters.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class FailoverLanguageModelTest {

    private static final ModelRequest REQUEST = new ModelRequest(
            new CallContext("c1", "s1", "", "", Map.of(), Map.of()), List.of(new ChatMessage.User("hi")), List.of());
    private static final GuardSettings SETTINGS = GuardSettings.MODEL_DEFAULTS.withRetries(0);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final AtomicInteger secondaryCalls = new AtomicInteger();

    private final LanguageModel secondary = request -> Flux.<ModelOutput>just(new ModelTextDelta("Hello"), new ModelFinished("stop"))
            .doOnSubscribe(s -> secondaryCalls.incrementAndGet());

    private LanguageModel guarded(String name, LanguageModel model) {
        return new GuardedLanguageModel(model, new ProviderGuard(name, SETTINGS, time));
    }

    @Test
    void aSlowFirstTokenFailsOverToTheNextModelAfterTheTimeout() {
        FailoverLanguageModel models = new FailoverLanguageModel(List.of(
                guarded("primary", request -> Flux.never()), guarded("secondary", secondary)));

        StepVerifier.withVirtualTime(() -> models.stream(REQUEST), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(3999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new ModelTextDelta("Hello"), new ModelFinished("stop"))
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void anErrorBeforeTheFirstTokenFailsOverAtOnce() {
        FailoverLanguageModel models = new FailoverLanguageModel(List.of(
                guarded("primary", request -> Flux.error(ProviderFailure.of("primary", ErrorCategory.AUTHENTICATION, "401"))),
                guarded("secondary", secondary)));

        StepVerifier.create(models.stream(REQUEST)).expectNextCount(2).expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void aFailureAfterTheFirstTokenIsTheAnswersFailure() {
        FailoverLanguageModel models = new FailoverLanguageModel(List.of(
                guarded("primary", request -> Flux.concat(Flux.just(new ModelTextDelta("Let me")),
                        Flux.error(ProviderFailure.of("primary", ErrorCategory.CONNECTIVITY, "reset")))),
                guarded("secondary", secondary)));

        StepVerifier.create(models.stream(REQUEST))
                .expectNext(new ModelTextDelta("Let me"))
                .expectError(ProviderFailure.class)
                .verify(Duration.ofSeconds(20));
        assertThat(secondaryCalls).hasValue(0);
    }

    @Test
    void anOpenBreakerSkipsStraightToTheNextModel() {
        AtomicInteger primaryCalls = new AtomicInteger();
        GuardedLanguageModel primary = new GuardedLanguageModel(
                request -> Flux.<ModelOutput>never().doOnSubscribe(s -> primaryCalls.incrementAndGet()),
                new ProviderGuard("primary", SETTINGS, time));
        primary.guard().breaker().transitionToOpenState();

        StepVerifier.create(new FailoverLanguageModel(List.of(primary, guarded("secondary", secondary))).stream(REQUEST))
                .expectNextCount(2)
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(primaryCalls).hasValue(0);
    }

    @Test
    void whenEveryModelFailsTheLastFailureReachesTheAgent() {
        FailoverLanguageModel models = new FailoverLanguageModel(List.of(
                guarded("a", request -> Flux.error(ProviderFailure.of("a", ErrorCategory.SERVER, "500"))),
                guarded("b", request -> Flux.error(ProviderFailure.of("b", ErrorCategory.RATE_LIMIT, "429")))));

        StepVerifier.create(models.stream(REQUEST))
                .expectErrorMatches(error -> error.getMessage().startsWith("b: RATE_LIMIT"))
                .verify(Duration.ofSeconds(20));
    }
}
