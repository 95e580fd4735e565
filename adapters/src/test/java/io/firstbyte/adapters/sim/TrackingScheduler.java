package io.firstbyte.adapters.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/** A scheduler that delegates to another and counts the delayed tasks that neither ran nor were disposed. */
final class TrackingScheduler implements Scheduler {

    private final Scheduler delegate;
    private final Set<Object> pending = ConcurrentHashMap.newKeySet();

    TrackingScheduler(Scheduler delegate) {
        this.delegate = delegate;
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
        }, delay, unit);
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
