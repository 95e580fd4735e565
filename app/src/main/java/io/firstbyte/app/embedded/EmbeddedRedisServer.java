package io.firstbyte.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped inside codemonstur's embedded-redis) on a free loopback
 * port. It is only a cache, so it keeps nothing on disk. Shared by every Spring context of the JVM
 * and stopped when the last one releases it: by the application's shutdown, after the calls have
 * drained, not by a JVM shutdown hook of its own (see {@link EmbeddedPostgresServer}).
 */
public final class EmbeddedRedisServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static RedisServer running;
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
        try {
            running.stop();
            log.info("embedded Redis stopped");
        } catch (IOException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.toString());
        }
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
            RedisServer server = RedisServer.newRedisServer()
                    .port(candidate)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 128mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            running = server;
            port = candidate;
            log.info("embedded Redis on 127.0.0.1:{}", port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }
}
