package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The one timer that drives every simulated call: every {@link #RESOLUTION} it lets each live
 * call send the frames that are due and echo the marks that have played. One thread for all calls,
 * so a thousand calls cost a thousand cheap method calls per tick, not a thousand threads.
 */
final class FrameClock implements AutoCloseable {

    static final Duration RESOLUTION = Duration.ofMillis(5);

    private final Set<CallSession> sessions = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoTime;
    private final Disposable ticking;

    FrameClock(Scheduler scheduler, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        long period = RESOLUTION.toNanos();
        this.ticking = scheduler.schedulePeriodically(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    void add(CallSession session) {
        sessions.add(session);
    }

    void remove(CallSession session) {
        sessions.remove(session);
    }

    private void tick() {
        for (CallSession session : sessions) {
            try {
                session.tick(nanoTime.getAsLong());
            } catch (RuntimeException e) {
                // A bug in one call must not stop the clock for the others.
                session.fail(ErrorKind.INTERNAL, "caller failed: " + e);
                sessions.remove(session);
            }
        }
    }

    @Override
    public void close() {
        ticking.dispose();
    }
}
