package io.firstbyte.pipeline.pace;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One timer for the pacing of every call: every {@link #PERIOD} it runs each registered playout, which
 * sends what has fallen due. A server pacing 500 answers has one periodic task instead of 25,000 timers
 * a second (one per call per frame). It runs only while something is registered. Thread-safe.
 */
public final class PacingTick {

    private static final Logger log = LoggerFactory.getLogger(PacingTick.class);

    /** One outbound frame. */
    public static final Duration PERIOD = Duration.ofMillis(20);

    private final Scheduler scheduler;
    private final Set<Runnable> playouts = ConcurrentHashMap.newKeySet();
    private @Nullable Disposable ticking;

    public PacingTick(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code playout} on every tick until the returned handle is disposed. */
    Disposable register(Runnable playout) {
        synchronized (this) {
            playouts.add(playout);
            if (ticking == null) {
                long period = PERIOD.toNanos();
                ticking = scheduler.schedulePeriodically(this::tick, period, period, TimeUnit.NANOSECONDS);
            }
        }
        return () -> unregister(playout);
    }

    private synchronized void unregister(Runnable playout) {
        if (playouts.remove(playout) && playouts.isEmpty() && ticking != null) {
            ticking.dispose();
            ticking = null;
        }
    }

    /** Playouts registered now: answers being paced. */
    public int registered() {
        return playouts.size();
    }

    /** The time the tick runs on, in nanoseconds. */
    long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }

    private void tick() {
        for (Runnable playout : playouts) {
            try {
                playout.run();
            } catch (RuntimeException error) {
                // One call's failure must not stop the tick that paces every other call.
                log.error("a playout failed on the pacing tick", error);
            }
        }
    }
}
