package io.firstbyte.adapters.sim;

import io.firstbyte.adapters.sim.dialogue.Reply;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Streams a reply the way a hosted model does: a first-token wait, then one word-token after another. */
final class TokenPacer {

    private static final Pattern WORD_WITH_TRAILING_SPACE = Pattern.compile("\\S+\\s*");

    private final LatencyProfile profile;
    private final Scheduler scheduler;
    private final @Nullable SimulatedDelays delays;

    TokenPacer(LatencyProfile profile, Scheduler scheduler, @Nullable SimulatedDelays delays) {
        this.profile = profile;
        this.scheduler = scheduler;
        this.delays = delays;
    }

    Flux<ModelOutput> pace(Reply reply, RandomGenerator random) {
        List<String> tokens = tokens(reply.text());
        Duration first = profile.jittered(profile.llmFirstTokenDelay(), random);
        Flux<ModelOutput> text = tokens.isEmpty() ? after(first, first, () -> Boolean.TRUE).thenMany(Flux.empty())
                : Flux.defer(() -> {
                    // Each token is due at a fixed offset from the request, as a provider's tokens arrive,
                    // so a timer that fires late does not delay every later token too.
                    long requested = scheduler.now(TimeUnit.NANOSECONDS);
                    return Flux.range(0, tokens.size()).concatMap(i -> {
                        Duration due = first.plus(profile.tokenInterval().multipliedBy(i));
                        Duration left = due.minusNanos(scheduler.now(TimeUnit.NANOSECONDS) - requested);
                        return after(left.isNegative() ? Duration.ZERO : left, i == 0 ? first : profile.tokenInterval(),
                                () -> new ModelTextDelta(tokens.get(i)));
                    });
                });
        return text.concatWith(reply.toolCall() == null ? Flux.just(new ModelFinished("stop"))
                : Flux.just(new ToolCallRequested(reply.toolCall()), new ModelFinished("tool_calls")));
    }

    /** Words with their trailing space and punctuation, or the whole text when the profile streams no tokens. */
    List<String> tokens(String text) {
        if (text.isEmpty() || profile.llmTokensPerSecond() == 0) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        return WORD_WITH_TRAILING_SPACE.matcher(text).results().map(match -> match.group()).toList();
    }

    /** {@code value} after {@code wait}, reporting {@code simulated}: the delay this token adds on purpose. */
    private <T> Mono<T> after(Duration wait, Duration simulated, Supplier<T> value) {
        if (wait.isZero()) {
            return Mono.fromSupplier(() -> {
                if (!simulated.isZero()) {
                    report(simulated);
                }
                return value.get();
            });
        }
        // map, not then(): then() looks up the discard hook through the whole subscriber chain on every token.
        return Mono.delay(wait, scheduler).map(tick -> {
            report(simulated);
            return value.get();
        });
    }

    private void report(Duration delay) {
        if (delays != null) {
            delays.modelDelay(delay.toNanos());
        }
    }
}
