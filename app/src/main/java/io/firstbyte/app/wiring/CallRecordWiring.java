package io.firstbyte.app.wiring;

import io.firstbyte.app.config.CallRecordProperties;
import io.firstbyte.app.records.CallRecordRetention;
import io.firstbyte.app.records.CallRecordStore;
import io.firstbyte.app.records.CallRecordWriter;
import io.firstbyte.app.records.CallRecords;
import io.firstbyte.app.web.records.CallRecordsHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Call records: the writer the call path hands finished calls to, their retention, and the admin API that reads them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CallRecordProperties.class)
public class CallRecordWiring {

    /** Rows deleted per statement when enforcing the retention. */
    private static final int RETENTION_CHUNK = 5_000;

    /** The writer's and the retention's timers; their database work runs on the driver's own threads. */
    @Bean(destroyMethod = "dispose")
    Scheduler callRecordScheduler() {
        return Schedulers.newSingle("call-records", true);
    }

    @Bean
    CallRecordStore callRecordStore(DatabaseClient bookingDatabaseClient) {
        return new CallRecordStore(bookingDatabaseClient);
    }

    /** Closed before the database pool it writes through: what is still queued is written first. */
    @Bean(initMethod = "start", destroyMethod = "close")
    CallRecordWriter callRecordWriter(CallRecordStore store, CallRecordProperties properties, Scheduler callRecordScheduler,
                                      MeterRegistry registry) {
        return new CallRecordWriter(store, new CallRecordWriter.Settings(properties.queueCapacity(),
                properties.batchSize(), properties.flushEvery(), properties.writeTimeout()), callRecordScheduler, registry);
    }

    @Bean
    CallRecords callRecords(CallRecordWriter writer, CallRecordProperties properties, ObjectProvider<Clock> clock) {
        return new CallRecords(writer, clock.getIfUnique(Clock::systemUTC), properties.enabled());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    CallRecordRetention callRecordRetention(CallRecordStore store, CallRecordProperties properties, Scheduler callRecordScheduler,
                                            ObjectProvider<Clock> clock) {
        // A retention of zero keeps no new records; the ones already kept are deleted as if it were a moment.
        Duration retention = properties.enabled() ? properties.retention() : Duration.ZERO;
        return new CallRecordRetention(store, retention, properties.retentionSweepEvery(), RETENTION_CHUNK,
                clock.getIfUnique(Clock::systemUTC), callRecordScheduler);
    }

    @Bean
    RouterFunction<ServerResponse> callRecordRoutes(CallRecordStore store) {
        return new CallRecordsHandler(store).routes();
    }
}
