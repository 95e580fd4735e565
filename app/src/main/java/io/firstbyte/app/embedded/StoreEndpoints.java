package io.firstbyte.app.embedded;

import io.firstbyte.app.config.StoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL and Redis the server talks to: the configured URLs, or embedded servers started
 * for this JVM when a URL is blank. {@link #close()} releases the embedded servers it acquired.
 */
public final class StoreEndpoints implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreEndpoints.class);
    static final String EMBEDDED_DATABASE = "firstbyte";
    private static Path ephemeralDir;

    private final DatabaseAddress database;
    private final String redisUrl;
    private final Path embeddedPostgresDir;
    private final boolean embeddedRedis;

    private StoreEndpoints(DatabaseAddress database, String redisUrl, Path embeddedPostgresDir, boolean embeddedRedis) {
        this.database = database;
        this.redisUrl = redisUrl;
        this.embeddedPostgresDir = embeddedPostgresDir;
        this.embeddedRedis = embeddedRedis;
    }

    /** Blocking: may start servers. Call once at start-up. */
    public static StoreEndpoints resolve(StoreProperties properties) {
        DatabaseAddress database;
        Path postgresDir = null;
        if (properties.database().url().isEmpty()) {
            postgresDir = postgresDir(properties.embedded());
            database = ensureDatabase(EmbeddedPostgresServer.acquire(postgresDir), EMBEDDED_DATABASE);
        } else {
            database = DatabaseAddress.parse(properties.database().url());
        }
        boolean embeddedRedis = properties.redis().url().isEmpty();
        String redis = embeddedRedis ? EmbeddedRedisServer.acquire() : properties.redis().url();
        log.info("booking stores: PostgreSQL {} ({}), Redis {}", database, postgresDir == null ? "configured" : "embedded",
                embeddedRedis ? "embedded " + redis : "configured");
        return new StoreEndpoints(database, redis, postgresDir, embeddedRedis);
    }

    public DatabaseAddress database() {
        return database;
    }

    public String redisUrl() {
        return redisUrl;
    }

    @Override
    public void close() {
        if (embeddedPostgresDir != null) {
            EmbeddedPostgresServer.release(embeddedPostgresDir);
        }
        if (embeddedRedis) {
            EmbeddedRedisServer.release();
        }
    }

    private static Path postgresDir(StoreProperties.Embedded embedded) {
        if (!embedded.ephemeral()) {
            return embedded.dataDir().resolve("postgres");
        }
        return ephemeralRoot().resolve("postgres");
    }

    private static synchronized Path ephemeralRoot() {
        if (ephemeralDir == null) {
            try {
                ephemeralDir = Files.createTempDirectory("firstbyte-data-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = ephemeralDir;
            // After the contexts have closed (and the embedded PostgreSQL in it has stopped), not beside the drain.
            AfterContextsClosed.run(dir, () -> deleteQuietly(dir));
        }
        return ephemeralDir;
    }

    private static DatabaseAddress ensureDatabase(DatabaseAddress server, String name) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            check.setString(1, name);
            if (!check.executeQuery().next()) {
                connection.createStatement().execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare embedded database " + name, e);
        }
        return server.withDatabase(name);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
