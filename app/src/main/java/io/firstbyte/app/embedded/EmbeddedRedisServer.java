package io.firstbyte.app.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped inside codemonstur's embedded-redis) on a free loopback
 * port. It is only a cache, so it keeps nothing on disk. Shared by every Spring context of the JVM
 * and stopped when the last one releases it: by the application's shutdown, after the calls have
 * drained. The library's own start would add a JVM shutdown hook that stops the server at once on
 * SIGTERM, beside Spring's drain, so the server is run here from the library's command line instead;
 * it runs in a session of its own ({@code setsid}), so a Ctrl-C in the terminal reaches the JVM only.
 */
public final class EmbeddedRedisServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static Process running;
    private static int port;
    private static int users;

    private EmbeddedRedisServer() {
    }

    /** Starts (or joins) the server; returns its {@code redis://} URL. */
    public static synchronized String acquire() {
        if (running == null) {
            start();
        }
        users++;
        return "redis://127.0.0.1:" + port;
    }

    public static synchronized void release() {
        if (running == null || --users > 0) {
            return;
        }
        stop(running);
        running = null;
    }

    private static synchronized void stopLeftover() {
        if (running != null) {
            users = 1;
            release();
        }
    }

    private static void start() {
        AfterContextsClosed.run(EmbeddedRedisServer.class, EmbeddedRedisServer::stopLeftover);
        int candidate = FreePort.find();
        try {
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                command.add(SETSID.toString());
            }
            List<String> server = RedisServer.newRedisServer()
                    .port(candidate)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 128mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .buildCommandArgs();
            command.addAll(server);
            Process process = new ProcessBuilder(command)
                    .directory(new File(server.getFirst()).getParentFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            awaitListening(process, candidate);
            running = process;
            port = candidate;
            log.info("embedded Redis on 127.0.0.1:{}", port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    private static void awaitListening(Process process, int port) throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not listen on " + port + " within " + READY_WITHIN);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            log.info("embedded Redis stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("embedded Redis did not stop cleanly: interrupted");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
