package io.firstbyte.pipeline.call;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The lifetime of one call. Work started through {@link #detach} belongs to the call, not to the
 * turn that asked for it: cancelling the turn (barge-in) does not cancel it, hanging up does.
 * A booking commit or a tool call that must be paired with its result runs here.
 *
 * <p>The call's context carries its scope as {@link #ATTRIBUTE}, so a tool can start work that
 * outlives its answer but not the call (a lookup the caller is likely to ask for next).
 */
public final class CallScope implements Disposable {

    /** The call-context attribute holding the call's scope. */
    public static final String ATTRIBUTE = "firstbyte.callScope";

    private final Disposable.Composite running = Disposables.composite();

    /**
     * Starts {@code work} now on the call's scope and returns its outcome; cancelling the
     * returned mono only stops waiting for it.
     */
    public <T> Mono<T> detach(Mono<T> work) {
        if (running.isDisposed()) {
            return Mono.error(new IllegalStateException("call has ended"));
        }
        Sinks.One<T> outcome = Sinks.one();
        Disposable.Swap handle = Disposables.swap();
        running.add(handle);
        handle.update(work
                .doFinally(signal -> running.remove(handle))
                .subscribe(outcome::tryEmitValue, outcome::tryEmitError, outcome::tryEmitEmpty));
        return outcome.asMono();
    }

    public int runningCount() {
        return running.size();
    }

    @Override
    public void dispose() {
        running.dispose();
    }

    @Override
    public boolean isDisposed() {
        return running.isDisposed();
    }
}
