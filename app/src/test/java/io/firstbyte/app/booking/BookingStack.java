package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.booking.cache.SlotCache;
import io.firstbyte.app.booking.store.AppointmentStore;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.booking.store.CatalogStore;
import io.firstbyte.app.booking.store.PostgresPool;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.booking.store.VersionListener;
import io.firstbyte.app.embedded.DatabaseAddress;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The booking engine assembled by hand (as BookingWiring does) over a test database and a Redis. */
public final class BookingStack implements AutoCloseable {

    public final QueryCounter queries = new QueryCounter();
    public final ConnectionPool pool;
    public final RedisConnector redis;
    public final SlotCache cache;
    public final TenantDirectory tenants;
    public final CatalogSource catalogs;
    public final SlotSource slots;
    public final PrefetchedDays prefetched;
    public final AvailabilityService availability;
    public final BookingService bookings;
    public final BookingTools tools;
    public final AvailabilityWarmup warmup;
    public final String keyPrefix;
    public final VersionListener versions;

    /**
     * How long the stack waits for the database. The product's limits (3 s read, 5 s write) are for tests
     * about faults; tests about correctness wait longer, so a machine at load 40 slows them down instead
     * of failing them ("not reachable" after a cold first query).
     */
    public record Limits(Duration read, Duration write, Duration statement, Duration acquire) {
        public static final Limits PRODUCT = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        public static final Limits PATIENT = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    public BookingStack(DatabaseAddress database, String redisUrl, Clock clock) {
        this(database, redisUrl, clock, 30, Duration.ofSeconds(5));
    }

    /** With the product's database limits: for tests of what happens when the database is slow or gone. */
    public BookingStack(DatabaseAddress database, String redisUrl, Clock clock, Limits limits) {
        this(database, database, redisUrl, clock, 30, Duration.ofSeconds(5),
                "fbit" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36), limits);
    }

    /** A second instance beside another: same database, its own Redis connection, the same cache keys. */
    public BookingStack(DatabaseAddress database, String redisUrl, Clock clock, String sharedKeyPrefix) {
        this(database, database, redisUrl, clock, 30, Duration.ofSeconds(5), sharedKeyPrefix);
    }

    /** As above, with the version listener reaching the database at its own address (through a proxy). */
    public BookingStack(DatabaseAddress database, DatabaseAddress listenerDatabase, String redisUrl, Clock clock,
                        String sharedKeyPrefix) {
        this(database, listenerDatabase, redisUrl, clock, 30, Duration.ofSeconds(5), sharedKeyPrefix);
    }

    public BookingStack(DatabaseAddress database, String redisUrl, Clock clock, int poolSize, Duration redisBreakerOpenFor) {
        this(database, database, redisUrl, clock, poolSize, redisBreakerOpenFor,
                "fbit" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
    }

    private BookingStack(DatabaseAddress database, DatabaseAddress listenerDatabase, String redisUrl, Clock clock,
                         int poolSize, Duration redisBreakerOpenFor, String keyPrefix) {
        this(database, listenerDatabase, redisUrl, clock, poolSize, redisBreakerOpenFor, keyPrefix, Limits.PATIENT);
    }

    private BookingStack(DatabaseAddress database, DatabaseAddress listenerDatabase, String redisUrl, Clock clock,
                         int poolSize, Duration redisBreakerOpenFor, String keyPrefix, Limits limits) {
        pool = PostgresPool.create(database, new PostgresPool.Settings(poolSize, Duration.ofSeconds(2), limits.statement(),
                limits.acquire()));
        DatabaseClient db = DatabaseClient.create(pool);
        TransactionalOperator transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool));
        this.keyPrefix = keyPrefix;
        redis = new RedisConnector(redisUrl, Duration.ofMillis(250), Duration.ofMillis(300),
                CircuitBreaker.of("redis", CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(5)
                        .waitDurationInOpenState(redisBreakerOpenFor).permittedNumberOfCallsInHalfOpenState(2).build()));
        redis.connect().block();
        cache = new SlotCache(redis, keyPrefix, Duration.ofSeconds(300), Duration.ofSeconds(5));
        BookingGuards guards = new BookingGuards(limits.read(), limits.write(), Duration.ofMillis(500), 100_000);
        AvailabilityStore availabilityStore = new AvailabilityStore(db, queries);
        versions = new VersionListener(database.equals(listenerDatabase) ? pool.unwrap()
                : new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder().host(listenerDatabase.host())
                        .port(listenerDatabase.port()).database(listenerDatabase.database())
                        .username(listenerDatabase.user()).password(listenerDatabase.password()).build()));
        versions.start();
        tenants = new TenantDirectory(new TenantStore(db, queries), Duration.ofSeconds(60), versions::epoch);
        catalogs = new CatalogSource(new CatalogStore(db, queries), guards, Duration.ofSeconds(60), versions::epoch);
        versions.onTenantChange(tenant -> {
            tenants.forget(tenant.toString());
            catalogs.evict(tenant.toString());
        });
        slots = new SlotSource(availabilityStore, versions, cache, guards, Duration.ofSeconds(2), Duration.ofMillis(150));
        prefetched = new PrefetchedDays(slots, new PrefetchedDays.Settings(true, Duration.ofSeconds(120), 10_000, 64));
        availability = new AvailabilityService(slots, prefetched, clock);
        bookings = new BookingService(new AppointmentStore(db, transactions, queries, versions), availabilityStore, availability,
                guards, clock);
        tools = new BookingTools(catalogs, availability, bookings, guards,
                new IdempotentWrites(new io.firstbyte.app.booking.store.IdempotencyStore(db, queries), guards, clock));
        warmup = new AvailabilityWarmup(catalogs, slots, 3, clock);
    }

    @Override
    public void close() {
        cache.evictTenant(java.util.UUID.fromString(io.firstbyte.app.embedded.StartupSeed.DEMO_TENANT_ID)).block();
        cache.evictTenant(io.firstbyte.app.embedded.StartupSeed.synthetic(1).tenantId()).block();
        versions.close();
        redis.close();
        pool.dispose();
    }
}
