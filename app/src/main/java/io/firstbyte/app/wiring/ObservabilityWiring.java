package io.firstbyte.app.wiring;

import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.app.booking.BookingGuards;
import io.firstbyte.app.booking.OperationMeter;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.config.MetricsProperties;
import io.firstbyte.app.observability.BookingMeters;
import io.firstbyte.app.observability.CallMetrics;
import io.firstbyte.app.observability.CallTracing;
import io.firstbyte.app.observability.SpanCallTracing;
import io.firstbyte.app.observability.TracingSwitch;
import io.firstbyte.app.providers.CallProviders;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.app.providers.ProviderStacks;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetricsPublisher;
import io.micrometer.context.ContextRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import reactor.core.publisher.Hooks;
import reactor.core.scheduler.Schedulers;

/**
 * Meters and traces: the call meters (tenant label bounded), booking operation latency, the
 * circuit breakers of the server's providers and of PostgreSQL and Redis (resilience4j's own
 * meters), and, when an OTLP endpoint is configured, a trace per call (see {@link TracingSwitch}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
public class ObservabilityWiring {

    private static final Logger log = LoggerFactory.getLogger(ObservabilityWiring.class);

    @Bean
    CallMetrics callMetrics(MeterRegistry registry, LiveCalls calls, MetricsProperties metrics, CallProviders callProviders) {
        return new CallMetrics(registry, calls, metrics.tenantLabels(), callProviders::selectionFor);
    }

    @Bean
    OperationMeter bookingOperationMeter(MeterRegistry registry) {
        return new BookingMeters(registry);
    }

    /**
     * resilience4j's breaker meters ({@code resilience4j_circuitbreaker_state}, {@code …_calls} and
     * friends, tagged {@code name} and {@code component}: llm, tts, store) for the providers the server
     * uses by default and for PostgreSQL and Redis. A tenant's own provider keys get breakers of
     * their own, which are not exported (one series set per tenant would be unbounded).
     */
    @Bean
    MeterBinder breakerMeters(ProviderStacks providerStacks, ProviderSelection defaultProviderSelection,
                              CallProviders callProviders, BookingGuards bookingGuards, RedisConnector bookingRedis) {
        return registry -> {
            TaggedCircuitBreakerMetricsPublisher publisher = new TaggedCircuitBreakerMetricsPublisher(registry);
            providerStacks.guards(defaultProviderSelection).stream().map(ProviderGuard::breaker).forEach(publisher::publishMetrics);
            publisher.publishMetrics(bookingGuards.databaseBreaker());
            publisher.publishMetrics(bookingRedis.breaker());
        };
    }

    @Bean
    CallTracing callTracing(ObjectProvider<Tracer> tracers, ConfigurableEnvironment environment) {
        Tracer tracer = tracers.getIfAvailable();
        if (tracer == null || tracer == Tracer.NOOP || !TracingSwitch.enabled(environment)) {
            return CallTracing.OFF;
        }
        // A call's log lines carry its trace: the span travels in the Reactor context to the threads that run the call.
        ContextRegistry.getInstance().registerThreadLocalAccessor(new ObservationAwareSpanThreadLocalAccessor(tracer));
        Hooks.enableAutomaticContextPropagation();
        log.info("Tracing on: a trace per call goes to {}", environment.getProperty(TracingSwitch.ENDPOINT));
        return new SpanCallTracing(tracer, () -> Schedulers.parallel().now(TimeUnit.NANOSECONDS), Clock.systemUTC());
    }
}
