package io.firstbyte.adapters.sim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Records what a flux emits and when, in virtual milliseconds. */
final class Timeline<T> {

    /** One element and the virtual time it arrived. */
    record At<T>(long millis, T value) {
    }

    private final List<At<T>> seen = new CopyOnWriteArrayList<>();
    private final VirtualTimeScheduler time;
    private volatile boolean completed;
    private final Disposable subscription;

    private Timeline(Flux<T> flux, VirtualTimeScheduler time) {
        this.time = time;
        this.subscription = flux.subscribe(
                value -> seen.add(new At<>(time.now(TimeUnit.MILLISECONDS), value)),
                error -> { throw new AssertionError(error); },
                () -> completed = true);
    }

    static <T> Timeline<T> record(Flux<T> flux, VirtualTimeScheduler time) {
        return new Timeline<>(flux, time);
    }

    Timeline<T> advance(Duration by) {
        time.advanceTimeBy(by);
        return this;
    }

    List<At<T>> seen() {
        return List.copyOf(seen);
    }

    List<T> values() {
        return seen.stream().map(At::value).toList();
    }

    <S extends T> List<At<T>> of(Class<S> type) {
        return seen.stream().filter(at -> type.isInstance(at.value())).toList();
    }

    boolean completed() {
        return completed;
    }

    void cancel() {
        subscription.dispose();
    }
}
