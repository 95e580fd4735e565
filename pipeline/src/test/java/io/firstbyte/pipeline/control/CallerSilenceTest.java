package io.firstbyte.pipeline.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The silent-caller rule in virtual time: prompt after the silence, again, then give up; caller activity starts over. */
class CallerSilenceTest {

    private static final SilencePolicy POLICY = new SilencePolicy(Duration.ofSeconds(8), 2, "Still there?", "Goodbye.");
    private static final SilenceStep FIRST = new SilenceStep.Prompt(1, "Still there?");
    private static final SilenceStep SECOND = new SilenceStep.Prompt(2, "Still there?");
    private static final SilenceStep GIVE_UP = new SilenceStep.GiveUp("Goodbye.");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static StepVerifier.FirstStep<SilenceStep> watching(SilencePolicy policy, Flux<?> caller, Flux<?> played,
                                                               BooleanSupplier floor) {
        return StepVerifier.withVirtualTime(() -> new CallerSilence(policy, VirtualTimeScheduler.get()).watch(caller, played, floor));
    }

    private static Flux<Long> at(Duration... moments) {
        return Flux.fromArray(moments).concatMap(moment -> Mono.delay(moment, VirtualTimeScheduler.get()), 1)
                .concatWith(Flux.never());
    }

    private static BooleanSupplier floorTakenUntil(Duration until) {
        return () -> VirtualTimeScheduler.get().now(TimeUnit.MILLISECONDS) < until.toMillis();
    }

    @Test
    void aSilentCallerIsPromptedAfterEachSilenceAndGivenUpOnAfterTheSecondUnansweredPrompt() {
        watching(POLICY, Flux.never(), Flux.never(), () -> false)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(7_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(FIRST)
                .expectNoEvent(Duration.ofMillis(7_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(SECOND)
                .expectNoEvent(Duration.ofMillis(7_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(GIVE_UP)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theSilenceCountsFromWhenTheAgentsLastAudioPlayed() {
        watching(POLICY, Flux.never(), at(Duration.ofSeconds(5)), floorTakenUntil(Duration.ofSeconds(5)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(12_999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(FIRST)
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void whileSomeoneHasTheFloorNoSilenceIsCounted() {
        watching(POLICY, Flux.never(), Flux.never(), floorTakenUntil(Duration.ofSeconds(30)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(30))
                .thenAwait(Duration.ofSeconds(8))
                .expectNext(FIRST)
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void theCallerSpeakingStartsTheSilenceOverAndForgetsThePromptsAlreadySaid() {
        watching(POLICY, at(Duration.ofSeconds(10)), Flux.never(), () -> false)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(8))
                .expectNext(FIRST)
                .expectNoEvent(Duration.ofMillis(9_999))
                .thenAwait(Duration.ofMillis(1))
                .as("two more prompts before giving up, counted from the caller's words at 10 s")
                .expectNext(FIRST)
                .thenAwait(Duration.ofSeconds(8))
                .expectNext(SECOND)
                .thenAwait(Duration.ofSeconds(8))
                .expectNext(GIVE_UP)
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void withPromptingOffNothingIsEverSaid() {
        watching(SilencePolicy.OFF, Flux.never(), Flux.never(), () -> false)
                .expectSubscription()
                .expectNoEvent(Duration.ofHours(1))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void noPromptsAtAllMeansGivingUpAfterTheFirstSilence() {
        watching(new SilencePolicy(Duration.ofSeconds(8), 0, "Still there?", "Goodbye."), Flux.never(), Flux.never(), () -> false)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(8))
                .expectNext(GIVE_UP)
                .expectComplete()
                .verify(WAIT);
    }
}
