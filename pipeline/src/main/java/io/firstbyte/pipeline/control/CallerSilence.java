package io.firstbyte.pipeline.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Notices a caller who has gone quiet and says what to tell them ({@link SilencePolicy}). The
 * silence is counted from the last sign of conversation: caller activity (speech, a key), the
 * agent's audio being played, or a moment when someone had the floor (the agent answering or
 * speaking, the caller mid-utterance). Caller activity also forgets the prompts already said. Costs
 * one timer per silence period, not one per event: events only record their time.
 */
public final class CallerSilence {

    private final SilencePolicy policy;
    private final Scheduler scheduler;

    public CallerSilence(SilencePolicy policy, Scheduler scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /**
     * The prompts for one call, counted from subscription: a {@link SilenceStep.Prompt} for each
     * silence, then a {@link SilenceStep.GiveUp}, after which it completes. {@code callerActivity}
     * and {@code agentPlayed} only matter by when they emit; {@code floorTaken} is asked when a
     * silence would end. Never emits when the policy is off. Cancelling it releases its timer.
     */
    public Flux<SilenceStep> watch(Flux<?> callerActivity, Flux<?> agentPlayed, BooleanSupplier floorTaken) {
        if (!policy.enabled()) {
            return Flux.never();
        }
        return Flux.defer(() -> {
            Quiet quiet = new Quiet(now());
            Mono<SilenceStep> listening = Flux.merge(
                            callerActivity.doOnNext(event -> quiet.callerActive(now())),
                            agentPlayed.doOnNext(event -> quiet.touch(now())))
                    .then(Mono.never());
            Flux<SilenceStep> steps = Mono.defer(() -> next(quiet, floorTaken)).repeat();
            return Flux.merge(listening, steps).takeUntil(SilenceStep.GiveUp.class::isInstance);
        });
    }

    /** The step due now, or nothing after waiting until the silence could next be long enough. */
    private Mono<SilenceStep> next(Quiet quiet, BooleanSupplier floorTaken) {
        long now = now();
        if (floorTaken.getAsBoolean()) {
            quiet.touch(now);
        }
        long remaining = quiet.silentUntil(policy.promptAfter().toNanos()) - now;
        return remaining > 0
                ? Mono.delay(Duration.ofNanos(remaining), scheduler).then(Mono.empty())
                : Mono.just(quiet.prompted(now, policy));
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }

    /** The last sign of conversation and the prompts said since the caller was last heard. */
    private static final class Quiet {
        private long lastSign;
        private int prompts;

        Quiet(long start) {
            lastSign = start;
        }

        synchronized void callerActive(long now) {
            lastSign = Math.max(lastSign, now);
            prompts = 0;
        }

        synchronized void touch(long now) {
            lastSign = Math.max(lastSign, now);
        }

        synchronized long silentUntil(long silenceNanos) {
            return lastSign + silenceNanos;
        }

        synchronized SilenceStep prompted(long now, SilencePolicy policy) {
            lastSign = now;
            prompts++;
            return prompts > policy.prompts() ? new SilenceStep.GiveUp(policy.goodbye()) : new SilenceStep.Prompt(prompts, policy.prompt());
        }
    }
}
