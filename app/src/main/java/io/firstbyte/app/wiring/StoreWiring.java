package io.firstbyte.app.wiring;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.booking.store.PostgresPool;
import io.firstbyte.app.booking.store.VersionListener;
import io.firstbyte.app.config.BookingProperties;
import io.firstbyte.app.config.StoreProperties;
import io.firstbyte.app.embedded.BackgroundMigrations;
import io.firstbyte.app.embedded.Migrations;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.embedded.StoreEndpoints;
import io.firstbyte.app.security.IngressPolicy;
import io.firstbyte.app.security.ServingMode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The booking stores: the PostgreSQL and Redis endpoints (embedded ones started here when no URL
 * is set), migrations and seed data, the R2DBC pool and the Lettuce connection. Everything that
 * blocks happens here, once, before the server accepts traffic: migrations on their own thread
 * beside the rest of start-up, connections opened in the background.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({StoreProperties.class, BookingProperties.class})
public class StoreWiring {

    @Bean(destroyMethod = "close")
    StoreEndpoints bookingStoreEndpoints(StoreProperties store) {
        return StoreEndpoints.resolve(store);
    }

    /**
     * Started with the stores, awaited before serving (see {@link BackgroundMigrations}). The demo salon is
     * seeded in development mode on the embedded database, elsewhere only when SEED_DEMO=true; its API key
     * only in development mode.
     */
    @Bean
    BackgroundMigrations bookingSchema(StoreEndpoints endpoints, StoreProperties store, BookingProperties booking,
                                       IngressPolicy ingress, ObjectProvider<Clock> clock) {
        boolean development = ingress.mode() == ServingMode.DEVELOPMENT;
        boolean demo = booking.seedsDemo(development && store.database().url().isEmpty());
        return new BackgroundMigrations(() -> {
            Migrations.apply(endpoints.database());
            StartupSeed.run(endpoints.database(), demo, development ? booking.demoApiKey() : "", booking.syntheticTenants(),
                    clock.getIfUnique(Clock::systemUTC));
            if (!development) {
                StartupSeed.warnIfDemoKeyWorks(endpoints.database(), booking.demoApiKey());
            }
        });
    }

    /** Its connections are opened in the background: nothing is served before the schema is ready anyway. */
    @Bean(destroyMethod = "dispose")
    ConnectionPool bookingConnectionPool(StoreEndpoints endpoints, StoreProperties store, BackgroundMigrations bookingSchema) {
        StoreProperties.Database settings = store.database();
        ConnectionPool pool = PostgresPool.create(endpoints.database(), new PostgresPool.Settings(settings.poolMaxSize(),
                settings.connectTimeout(), settings.statementTimeout(), settings.acquireTimeout()));
        pool.warmup().subscribe(warmed -> { }, error -> { });
        return pool;
    }

    @Bean
    DatabaseClient bookingDatabaseClient(ConnectionPool bookingConnectionPool) {
        return DatabaseClient.create(bookingConnectionPool);
    }

    @Bean
    TransactionalOperator bookingTransactions(ConnectionPool bookingConnectionPool) {
        return TransactionalOperator.create(new R2dbcTransactionManager(bookingConnectionPool));
    }

    /** One dedicated connection listening for availability-version announcements (outside the pool). */
    @Bean(destroyMethod = "close")
    VersionListener bookingVersionListener(ConnectionPool bookingConnectionPool) {
        VersionListener listener = new VersionListener(bookingConnectionPool.unwrap());
        listener.start();
        return listener;
    }

    @Bean(destroyMethod = "close")
    RedisConnector bookingRedis(StoreEndpoints endpoints, StoreProperties store) {
        StoreProperties.Redis redis = store.redis();
        CircuitBreaker breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(redis.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build(), java.util.Map.of("component", "store"));
        RedisConnector connector = new RedisConnector(endpoints.redisUrl(), redis.commandTimeout(), redis.connectTimeout(), breaker);
        connector.connect().subscribe();
        return connector;
    }
}
