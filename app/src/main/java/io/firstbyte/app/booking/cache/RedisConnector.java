package io.firstbyte.app.booking.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One shared Lettuce connection to Redis, set up so that a dead or silent Redis costs milliseconds:
 * commands are rejected (not buffered) while disconnected, the request queue is bounded, every
 * command has a short timeout, TCP keepalive finds a silent peer, and a circuit breaker skips Redis
 * entirely for a while after repeated failures. Lettuce reconnects by itself (100 ms doubling to
 * 2 s); a connection that never came up is retried on the next command after a second.
 */
public final class RedisConnector implements AutoCloseable {

    private final ClientResources resources;
    private final RedisClient client;
    private final Mono<StatefulRedisConnection<String, String>> connection;
    private final Duration commandTimeout;
    private final CircuitBreaker breaker;
    private static final Logger log = LoggerFactory.getLogger(RedisConnector.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());

    public RedisConnector(String url, Duration commandTimeout, Duration connectTimeout, CircuitBreaker breaker) {
        this.commandTimeout = commandTimeout;
        this.breaker = breaker;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(commandTimeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .publishOnScheduler(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(4096)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(connectTimeout)
                        .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                                .idle(Duration.ofSeconds(15)).interval(Duration.ofSeconds(5)).count(3).build())
                        .tcpNoDelay(true)
                        .build())
                .build());
        this.connection = Mono.defer(() -> Mono.fromCompletionStage(client.connectAsync(StringCodec.UTF8, uri)))
                .cache(ok -> Duration.ofDays(36_500), error -> Duration.ofSeconds(1), () -> Duration.ZERO);
    }

    /** Starts connecting now, so the first command does not pay for it. */
    public Mono<Void> connect() {
        return connection.then().onErrorResume(error -> Mono.empty());
    }

    /** Runs one command under the timeout and breaker; a failure is counted and signalled to the caller. */
    public <T> Mono<T> run(Function<RedisReactiveCommands<String, String>, Mono<T>> command) {
        return connection.flatMap(open -> command.apply(open.reactive()))
                .timeout(commandTimeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .doOnError(this::recordFailure);
    }

    private void recordFailure(Throwable error) {
        failures.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last > LOG_EVERY.toNanos() && lastLogged.compareAndSet(last, now)) {
            OffLoopLog.warn(log, "Redis unavailable, answering from PostgreSQL: {} ({} failures so far)", error.toString(), failures.get());
        }
    }

    public long failures() {
        return failures.get();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
