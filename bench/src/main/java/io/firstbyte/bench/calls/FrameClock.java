package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The timers that drive every simulated call: every {@link #RESOLUTION} each live call sends the
 * frames that are due and echoes the marks that have played. A call ticks on the event loop of its
 * own connection, so what it sends is written there and then, not handed to another thread message
 * by message (waking it each time); one timer per event loop, so a thousand calls cost a thousand
 * cheap method calls per tick, not a thousand timers.
 */
final class FrameClock implements AutoCloseable {

    static final Duration RESOLUTION = Duration.ofMillis(5);

    private final LongSupplier nanoTime;
    private final Map<ScheduledExecutorService, Ticker> tickers = new ConcurrentHashMap<>();
    private final Map<CallSession, Ticker> tickerOf = new ConcurrentHashMap<>();

    FrameClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Ticks {@code session} on {@code loop}, the event loop its connection writes on. */
    void add(CallSession session, ScheduledExecutorService loop) {
        Ticker ticker = tickers.computeIfAbsent(loop, Ticker::new);
        ticker.sessions.add(session);
        tickerOf.put(session, ticker);
    }

    void remove(CallSession session) {
        Ticker ticker = tickerOf.remove(session);
        if (ticker != null) {
            ticker.sessions.remove(session);
        }
    }

    @Override
    public void close() {
        tickers.values().forEach(ticker -> ticker.ticking.cancel(false));
        tickers.clear();
    }

    /** The calls that tick on one thread, and that thread's timer. */
    private final class Ticker {
        private final Set<CallSession> sessions = ConcurrentHashMap.newKeySet();
        private final ScheduledFuture<?> ticking;

        Ticker(ScheduledExecutorService loop) {
            long period = RESOLUTION.toNanos();
            this.ticking = loop.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
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
    }
}
