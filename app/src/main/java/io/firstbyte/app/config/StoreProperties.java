package io.firstbyte.app.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the booking data lives: PostgreSQL, Redis, and the embedded servers used when neither
 * URL is set. Bound from {@code firstbyte.database}, {@code firstbyte.redis} and {@code firstbyte.embedded}.
 */
@ConfigurationProperties("firstbyte")
public record StoreProperties(@Nullable Database database, @Nullable Redis redis, @Nullable Embedded embedded) {

    public StoreProperties {
        database = database == null ? new Database(null, 0, null, null, null) : database;
        redis = redis == null ? new Redis(null, null, null, null, null) : redis;
        embedded = embedded == null ? new Embedded(null, false) : embedded;
    }

    /** {@code url} blank: start the embedded PostgreSQL. */
    public record Database(@Nullable String url, int poolMaxSize, @Nullable Duration connectTimeout,
                           @Nullable Duration statementTimeout, @Nullable Duration acquireTimeout) {
        public Database {
            url = url == null ? "" : url.strip();
            poolMaxSize = poolMaxSize <= 0 ? 20 : poolMaxSize;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(5) : statementTimeout;
            acquireTimeout = acquireTimeout == null ? Duration.ofSeconds(2) : acquireTimeout;
        }
    }

    /** {@code url} blank: start the embedded Redis. */
    public record Redis(@Nullable String url, @Nullable String keyPrefix, @Nullable Duration commandTimeout,
                        @Nullable Duration connectTimeout, @Nullable Duration breakerOpenFor) {
        public Redis {
            url = url == null ? "" : url.strip();
            keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "fb" : keyPrefix.strip();
            commandTimeout = commandTimeout == null ? Duration.ofMillis(250) : commandTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofMillis(500) : connectTimeout;
            breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(5) : breakerOpenFor;
        }
    }

    /** The embedded servers' data folder; {@code ephemeral} puts it in a temporary folder deleted at exit. */
    public record Embedded(@Nullable Path dataDir, boolean ephemeral) {
        public Embedded {
            dataDir = dataDir == null ? Path.of("firstbyte-data") : dataDir;
        }
    }
}
