package io.firstbyte.app.embedded;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.SmartLifecycle;

/**
 * Migrations and seed data, run on their own thread while the rest of the application is being
 * built, so start-up does not wait for them twice. They gate serving: this lifecycle starts first
 * ({@link Integer#MIN_VALUE}), before the web server and the AudioSocket listener, and its start
 * waits for them and rethrows their failure, which stops the start-up as before.
 */
public final class BackgroundMigrations implements SmartLifecycle {

    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean running;

    public BackgroundMigrations(Runnable work) {
        Thread.ofPlatform().name("firstbyte-migrations").daemon().start(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable failed) {
                done.completeExceptionally(failed);
            }
        });
    }

    @Override
    public void start() {
        try {
            done.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
