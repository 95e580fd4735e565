package io.firstbyte.adapters.sim;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A scheduler that delegates to another and counts the delayed tasks that neither ran nor were
 * disposed; optionally every delayed task fires {@code lateness} late, as timers do on a busy machine.
 */
final class TrackingScheduler implements Scheduler {

    private final Scheduler delegate;
    private final long latenessNanos;
    private final Set<Object> pending = ConcurrentHashMap.newKeySet();

    TrackingScheduler(Scheduler delegate) {
        this(delegate, Duration.ZERO);
    }

    TrackingScheduler(Scheduler delegate, Duration lateness) {
        this.delegate = delegate;
        this.latenessNanos = lateness.toNanos();
    }

    int pendingTasks() {
        return pending.size();
    }

    @Override
    public Disposable schedule(Runnable task) {
        return delegate.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        Object token = new Object();
        pending.add(token);
        Disposable scheduled = delegate.schedule(() -> {
            pending.remove(token);
            task.run();
        }, unit.toNanos(delay) + latenessNanos, TimeUnit.NANOSECONDS);
        return () -> {
            pending.remove(token);
            scheduled.dispose();
        };
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the simulated providers");
    }

    @Override
    public long now(TimeUnit unit) {
        return delegate.now(unit);
    }

    @Override
    public Worker createWorker() {
        return delegate.createWorker();
    }
}
