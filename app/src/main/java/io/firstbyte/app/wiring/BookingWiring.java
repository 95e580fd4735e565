package io.firstbyte.app.wiring;

import io.firstbyte.app.booking.AvailabilityService;
import io.firstbyte.app.booking.AvailabilityWarmup;
import io.firstbyte.app.booking.BookingGuards;
import io.firstbyte.app.booking.BookingService;
import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.booking.IdempotentWrites;
import io.firstbyte.app.booking.OperationMeter;
import io.firstbyte.app.booking.PrefetchedDays;
import io.firstbyte.app.booking.WritesInFlight;
import io.firstbyte.app.booking.SlotSource;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.booking.cache.SlotCache;
import io.firstbyte.app.booking.store.AppointmentChanges;
import io.firstbyte.app.booking.store.AppointmentStore;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.booking.store.CatalogStore;
import io.firstbyte.app.booking.store.IdempotencyStore;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.booking.store.VersionListener;
import io.firstbyte.app.config.AlternativesPrefetchProperties;
import io.firstbyte.app.config.BookingProperties;
import io.firstbyte.app.config.StoreProperties;
import io.firstbyte.app.tenant.CredentialCipher;
import io.firstbyte.app.tenant.TenantCredentials;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantStore;
import io.firstbyte.app.web.api.BookingApi;
import io.firstbyte.app.web.tools.RetellSignature;
import io.firstbyte.app.web.tools.RetellWebhook;
import io.firstbyte.app.web.tools.VapiWebhook;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.scheduler.Schedulers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The booking engine's beans. For the call path: {@link TenantDirectory} (tenant by dialled
 * number), {@link AvailabilityWarmup} (prefetch at call start) and {@link BookingTools}
 * ({@code tools()} for the agent). Plus the /api routes and the Vapi and Retell webhooks.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlternativesPrefetchProperties.class)
public class BookingWiring {

    @Bean
    QueryCounter bookingQueryCounter() {
        return new QueryCounter();
    }

    @Bean
    BookingGuards bookingGuards(BookingProperties properties) {
        return new BookingGuards(properties.availabilityTimeout(), properties.bookingTimeout(),
                properties.breakerOpenFor(), properties.tenantRequestsPerSecond());
    }

    @Bean
    TenantDirectory tenantDirectory(DatabaseClient bookingDatabaseClient, QueryCounter bookingQueryCounter,
                                    BookingProperties properties, VersionListener bookingVersionListener) {
        TenantDirectory directory = new TenantDirectory(new TenantStore(bookingDatabaseClient, bookingQueryCounter),
                properties.catalogTtl(), bookingVersionListener::epoch);
        bookingVersionListener.onTenantChange(tenant -> directory.forget(tenant.toString()));
        return directory;
    }

    @Bean
    TenantCredentials tenantCredentials(DatabaseClient bookingDatabaseClient, BookingProperties properties) {
        String key = properties.credentialsKey();
        return new TenantCredentials(bookingDatabaseClient, key.isEmpty() ? null : new CredentialCipher(key));
    }

    @Bean
    SlotCache bookingSlotCache(RedisConnector bookingRedis, StoreProperties store, BookingProperties properties) {
        return new SlotCache(bookingRedis, store.redis().keyPrefix(), properties.cacheTtl(), properties.cacheTtlJitter());
    }

    @Bean
    CatalogSource bookingCatalogs(DatabaseClient bookingDatabaseClient, QueryCounter bookingQueryCounter,
                                  BookingGuards bookingGuards, BookingProperties properties,
                                  VersionListener bookingVersionListener) {
        CatalogSource catalogs = new CatalogSource(new CatalogStore(bookingDatabaseClient, bookingQueryCounter),
                bookingGuards, properties.catalogTtl(), bookingVersionListener::epoch);
        bookingVersionListener.onTenantChange(tenant -> catalogs.evict(tenant.toString()));
        return catalogs;
    }

    @Bean
    SlotSource bookingSlots(DatabaseClient bookingDatabaseClient, QueryCounter bookingQueryCounter, SlotCache bookingSlotCache,
                            BookingGuards bookingGuards, BookingProperties properties, VersionListener bookingVersionListener) {
        return new SlotSource(new AvailabilityStore(bookingDatabaseClient, bookingQueryCounter), bookingVersionListener,
                bookingSlotCache,
                bookingGuards, properties.fillLockTtl(), properties.fillWait());
    }

    @Bean
    PrefetchedDays prefetchedDays(SlotSource bookingSlots, AlternativesPrefetchProperties prefetch) {
        return new PrefetchedDays(bookingSlots, prefetch.settings());
    }

    @Bean
    AvailabilityService availabilityService(SlotSource bookingSlots, PrefetchedDays prefetchedDays, ObjectProvider<Clock> clocks) {
        return new AvailabilityService(bookingSlots, prefetchedDays, clock(clocks));
    }

    @Bean
    BookingService bookingService(DatabaseClient bookingDatabaseClient, TransactionalOperator bookingTransactions,
                                  QueryCounter bookingQueryCounter, AvailabilityService availabilityService,
                                  BookingGuards bookingGuards, ObjectProvider<Clock> clocks,
                                  VersionListener bookingVersionListener, AppointmentChanges bookingEvents) {
        return new BookingService(new AppointmentStore(bookingDatabaseClient, bookingTransactions, bookingQueryCounter,
                bookingVersionListener, bookingEvents),
                new AvailabilityStore(bookingDatabaseClient, bookingQueryCounter), availabilityService, bookingGuards,
                clock(clocks));
    }

    @Bean
    AvailabilityWarmup availabilityWarmup(CatalogSource bookingCatalogs, SlotSource bookingSlots,
                                          BookingProperties properties, ObjectProvider<Clock> clocks) {
        return new AvailabilityWarmup(bookingCatalogs, bookingSlots, properties.warmupDays(), clock(clocks));
    }

    /** Booking changes still running; shutdown waits for them before the stores close. */
    @Bean
    WritesInFlight bookingWritesInFlight() {
        return new WritesInFlight(Schedulers.parallel());
    }

    @Bean
    BookingTools bookingTools(CatalogSource bookingCatalogs, AvailabilityService availabilityService,
                              BookingService bookingService, BookingGuards bookingGuards, DatabaseClient bookingDatabaseClient,
                              QueryCounter bookingQueryCounter, ObjectProvider<Clock> clocks, OperationMeter bookingOperationMeter,
                              WritesInFlight bookingWritesInFlight) {
        return new BookingTools(bookingCatalogs, availabilityService, bookingService, bookingGuards,
                new IdempotentWrites(new IdempotencyStore(bookingDatabaseClient, bookingQueryCounter), bookingGuards,
                        clock(clocks), bookingWritesInFlight), bookingOperationMeter);
    }

    @Bean
    RouterFunction<ServerResponse> bookingRoutes(BookingTools bookingTools, TenantDirectory tenantDirectory,
                                                 AvailabilityWarmup availabilityWarmup, SlotCache bookingSlotCache,
                                                 CatalogSource bookingCatalogs, BookingProperties properties,
                                                 ObjectProvider<Clock> clocks) {
        BookingApi api = new BookingApi(bookingTools, tenantDirectory, availabilityWarmup, tenantId -> {
            bookingCatalogs.evict(tenantId);
            return bookingSlotCache.evictTenant(UUID.fromString(tenantId));
        });
        VapiWebhook vapi = new VapiWebhook(bookingTools, tenantDirectory, properties.vapiSecret());
        RetellWebhook retell = new RetellWebhook(bookingTools, tenantDirectory, properties.retellApiKey().isEmpty()
                ? null : new RetellSignature(properties.retellApiKey(), clock(clocks)));
        return api.routes().and(RouterFunctions.route()
                .POST("/tools/vapi", vapi::handle)
                .POST("/tools/retell", retell::handle)
                .POST("/tools/retell/{name}", retell::handle)
                .build());
    }

    @Bean
    MeterBinder bookingMeters(QueryCounter bookingQueryCounter, SlotCache bookingSlotCache, RedisConnector bookingRedis,
                              BookingGuards bookingGuards, PrefetchedDays prefetchedDays) {
        return registry -> {
            for (QueryCounter.Kind kind : QueryCounter.Kind.values()) {
                FunctionCounter.builder("firstbyte.booking.db.queries", bookingQueryCounter, counter -> counter.get(kind))
                        .tag("kind", kind.name().toLowerCase()).register(registry);
            }
            FunctionCounter.builder("firstbyte.booking.cache.hits", bookingSlotCache, SlotCache::hits).register(registry);
            FunctionCounter.builder("firstbyte.booking.cache.misses", bookingSlotCache, SlotCache::misses).register(registry);
            FunctionCounter.builder("firstbyte.booking.redis.failures", bookingRedis, RedisConnector::failures).register(registry);
            FunctionCounter.builder("firstbyte.booking.prefetch.hits", prefetchedDays, PrefetchedDays::hits).register(registry);
            FunctionCounter.builder("firstbyte.booking.prefetch.misses", prefetchedDays, PrefetchedDays::misses).register(registry);
            FunctionCounter.builder("firstbyte.booking.prefetch.skipped", prefetchedDays, PrefetchedDays::skipped).register(registry);
            for (CircuitBreaker breaker : List.of(bookingGuards.databaseBreaker(), bookingRedis.breaker())) {
                Gauge.builder("firstbyte.booking.breaker.open", breaker,
                                b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                        .tag("name", breaker.getName()).register(registry);
            }
        };
    }

    /** The application's clock if it defines exactly one, else the system clock (UTC). */
    private static Clock clock(ObjectProvider<Clock> clocks) {
        return clocks.getIfUnique(Clock::systemUTC);
    }
}
