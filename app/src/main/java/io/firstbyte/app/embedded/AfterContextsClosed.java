package io.firstbyte.app.embedded;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.SpringApplication;

/**
 * Work for the end of the JVM that must wait for the application contexts to close: Spring Boot's
 * shutdown hook runs it after it has closed every context (and so after the drain), where a JVM
 * shutdown hook of one's own would run at the same time as theirs. Runs last registered first, as
 * beans are destroyed: a server started in a folder stops before the folder is removed.
 */
final class AfterContextsClosed {

    private static final Set<Object> REGISTERED = new HashSet<>();
    private static final Deque<Runnable> WORK = new ArrayDeque<>();

    private AfterContextsClosed() {
    }

    /** Registers {@code work} once per {@code owner}. */
    static synchronized void run(Object owner, Runnable work) {
        if (!REGISTERED.add(owner)) {
            return;
        }
        if (WORK.isEmpty()) {
            SpringApplication.getShutdownHandlers().add(AfterContextsClosed::runAll);
        }
        WORK.push(work);
    }

    private static void runAll() {
        Runnable next;
        while ((next = next()) != null) {
            try {
                next.run();
            } catch (RuntimeException ignored) {
                // the JVM is exiting; the rest must still run
            }
        }
    }

    private static synchronized Runnable next() {
        return WORK.poll();
    }
}
