package io.firstbyte.adapters.guard;

import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * When a guarded stream's results are due. The publisher returned for the first result (and
 * after each result, for the next) fires the timeout when it emits or completes first.
 * Most streams owe results from subscription on; a speech stream owes audio only once it has
 * been given a clause, so it counts from there.
 */
public interface Deadlines<T> {

    Publisher<?> first(Duration timeout, Scheduler scheduler);

    Publisher<?> after(T result, Duration gap, Scheduler scheduler);

    /** Results are due from subscription, then within every gap. */
    static <T> Deadlines<T> fromSubscription() {
        return new Deadlines<>() {
            @Override
            public Publisher<?> first(Duration timeout, Scheduler scheduler) {
                return Mono.delay(timeout, scheduler);
            }

            @Override
            public Publisher<?> after(T result, Duration gap, Scheduler scheduler) {
                return Mono.delay(gap, scheduler);
            }
        };
    }
}
