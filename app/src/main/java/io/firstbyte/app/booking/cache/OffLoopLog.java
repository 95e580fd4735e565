package io.firstbyte.app.booking.cache;

import org.slf4j.Logger;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a (rare) warning from a worker thread, never from the event loop that noticed the
 * problem: a console or file appender blocks, and an event loop must not.
 */
public final class OffLoopLog {

    private OffLoopLog() {
    }

    public static void warn(Logger log, String format, Object... arguments) {
        Schedulers.boundedElastic().schedule(() -> log.warn(format, arguments));
    }
}
