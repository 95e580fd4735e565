package io.firstbyte.app.embedded;

import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.SpringApplication;

/**
 * Work for the end of the JVM that must wait for the application contexts to close: Spring Boot's
 * shutdown hook runs it after it has closed every context (and so after the drain), where a JVM
 * shutdown hook of one's own would run at the same time as theirs.
 */
final class AfterContextsClosed {

    private static final Set<Class<?>> REGISTERED = new HashSet<>();

    private AfterContextsClosed() {
    }

    /** Registers {@code work} once per {@code owner}. */
    static synchronized void run(Class<?> owner, Runnable work) {
        if (REGISTERED.add(owner)) {
            SpringApplication.getShutdownHandlers().add(work);
        }
    }
}
