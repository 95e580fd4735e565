package io.firstbyte.adapters.guard;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/** Tries providers in order until one starts delivering; a failure after the first result is final. */
final class Failover {

    private static final Logger log = LoggerFactory.getLogger(Failover.class);

    private Failover() {
    }

    /**
     * The stream of the first of {@code count} attempts that delivers before failing; when every
     * attempt failed before delivering, {@code exhausted} decides what follows the last failure.
     */
    static <T> Flux<T> firstThatStarts(String stage, int count, IntFunction<Flux<T>> attempt,
                                       Function<Throwable, Flux<T>> exhausted) {
        return from(stage, 0, count, attempt, exhausted);
    }

    /** Convenience for a list of candidates. */
    static <C, T> Flux<T> firstThatStarts(String stage, List<C> candidates, Function<C, Flux<T>> attempt) {
        return firstThatStarts(stage, candidates.size(), i -> attempt.apply(candidates.get(i)), Flux::error);
    }

    private static <T> Flux<T> from(String stage, int index, int count, IntFunction<Flux<T>> attempt,
                                    Function<Throwable, Flux<T>> exhausted) {
        return Flux.defer(() -> {
            AtomicBoolean delivered = new AtomicBoolean();
            return attempt.apply(index)
                    .doOnNext(result -> delivered.set(true))
                    .onErrorResume(error -> !delivered.get(), error -> {
                        if (index + 1 >= count) {
                            return exhausted.apply(error);
                        }
                        log.warn("{}: failing over from provider {} of {}: {}", stage, index + 1, count, error.getMessage());
                        return from(stage, index + 1, count, attempt, exhausted);
                    });
        });
    }
}
