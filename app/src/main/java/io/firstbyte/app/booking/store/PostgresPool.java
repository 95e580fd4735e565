package io.firstbyte.app.booking.store;

import io.firstbyte.app.embedded.DatabaseAddress;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.pool.PooledRefMetadata;

/**
 * The R2DBC pool of booking connections, set up to let go of dead connections at once: a connection
 * whose socket is closed (PostgreSQL restarted, or ended it) is dropped when it is handed out, when
 * it comes back and by a background sweep every {@link #SWEEP}, so after a restart the first
 * requests get fresh connections instead of failing on old ones. Connections are also retired after
 * {@link #MAX_IDLE} idle and {@link #MAX_LIFE} in all.
 */
public final class PostgresPool {

    static final Duration MAX_IDLE = Duration.ofMinutes(5);
    static final Duration MAX_LIFE = Duration.ofMinutes(30);
    static final Duration SWEEP = Duration.ofSeconds(5);

    /** The pool's limits: size, connect, server-side statement and acquire timeouts. */
    public record Settings(int maxSize, Duration connectTimeout, Duration statementTimeout, Duration acquireTimeout) {
    }

    private PostgresPool() {
    }

    public static ConnectionPool create(DatabaseAddress address, Settings settings) {
        PostgresqlConnectionConfiguration.Builder postgres = PostgresqlConnectionConfiguration.builder()
                .host(address.host()).port(address.port()).database(address.database())
                .username(address.user()).password(address.password())
                .applicationName("firstbyte")
                .connectTimeout(settings.connectTimeout())
                .statementTimeout(settings.statementTimeout())
                .tcpKeepAlive(true)
                .tcpNoDelay(true);
        if (!"disable".equals(address.sslMode())) {
            postgres.sslMode(SSLMode.fromValue(address.sslMode()));
        }
        return new ConnectionPool(ConnectionPoolConfiguration.builder(new PostgresqlConnectionFactory(postgres.build()))
                .name("booking")
                .initialSize(Math.min(4, settings.maxSize()))
                .maxSize(settings.maxSize())
                .maxAcquireTime(settings.acquireTimeout())
                .maxCreateConnectionTime(settings.connectTimeout())
                .validationDepth(ValidationDepth.LOCAL)
                .maxValidationTime(settings.connectTimeout())
                .backgroundEvictionInterval(SWEEP)
                .customizer(pool -> pool.evictionPredicate(PostgresPool::retire))
                .build());
    }

    /** Replaces r2dbc-pool's idle/life-time predicate (reactor-pool takes one predicate) and adds the dead-socket check. */
    static boolean retire(Connection connection, PooledRefMetadata metadata) {
        return metadata.idleTime() >= MAX_IDLE.toMillis() || metadata.lifeTime() >= MAX_LIFE.toMillis()
                || !open(connection);
    }

    /**
     * The driver's local check is whether its socket is still open, answered synchronously; a driver
     * that answered later would be taken as open here and still be checked when it is handed out.
     */
    private static boolean open(Connection connection) {
        AtomicBoolean open = new AtomicBoolean(true);
        Mono.from(connection.validate(ValidationDepth.LOCAL)).subscribe(open::set, error -> open.set(false));
        return open.get();
    }
}
