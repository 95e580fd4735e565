package io.firstbyte.app.web.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.embedded.FreePort;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Two server instances (two {@link CallTokens} sharing the auth token and the machine's Redis)
 * accept a token once between them; without Redis each instance still refuses its own replays.
 */
class CallTokensRedisIT {

    private static final SignedCall CALL = new SignedCall("CA1", "+15550001111", "+15550100100");

    private final String prefix = "fb-it-" + UUID.randomUUID();
    private final Counter fallbacks = new SimpleMeterRegistry().counter("fallbacks");
    private final RedisConnector redis = connector("redis://127.0.0.1:6379");

    @AfterEach
    void close() {
        redis.run(commands -> commands.keys(prefix + ":*").collectList()
                        .flatMap(keys -> keys.isEmpty() ? Mono.just(0L) : commands.del(keys.toArray(String[]::new))))
                .onErrorResume(error -> Mono.just(0L))
                .block(Duration.ofSeconds(5));
        redis.close();
    }

    /** Generous timeouts: the machine is shared, and this test is about answers, not speed. */
    private static RedisConnector connector(String url) {
        RedisConnector connector = new RedisConnector(url, Duration.ofSeconds(2), Duration.ofSeconds(2), CircuitBreaker.ofDefaults("redis"));
        connector.connect().block(Duration.ofSeconds(5));
        return connector;
    }

    private CallTokens instance(RedisConnector redis) {
        Clock clock = Clock.systemUTC();
        return new CallTokens("twilio-auth-token", Duration.ofSeconds(60), clock,
                new RedisUsedTokens(redis, prefix, new LocalUsedTokens(clock), fallbacks));
    }

    @Test
    void aTokenIsAcceptedOnceAcrossTwoInstances() {
        CallTokens first = instance(redis);
        CallTokens second = instance(redis);
        String token = first.issue(CALL);

        assertThat(second.consume(token, CALL).block()).as("the instance the stream reached first").isTrue();
        assertThat(first.consume(token, CALL).block()).as("the issuing instance, replayed").isFalse();
        assertThat(second.consume(token, CALL).block()).as("the same instance, replayed").isFalse();
        assertThat(fallbacks.count()).isZero();
    }

    @Test
    void twoInstancesOfferedTheSameTokenAtOnceAcceptItExactlyOnce() {
        CallTokens first = instance(redis);
        CallTokens second = instance(redis);
        for (int round = 0; round < 20; round++) {
            String token = first.issue(CALL);
            List<Boolean> answers = Flux.just(first, second)
                    .flatMap(instance -> instance.consume(token, CALL).subscribeOn(Schedulers.parallel()))
                    .collectList().block(Duration.ofSeconds(5));
            assertThat(answers).containsExactlyInAnyOrder(true, false);
        }
    }

    @Test
    void theUsedMarkExpiresWithTheToken() {
        String token = instance(redis).issue(CALL);
        instance(redis).consume(token, CALL).block();

        Long ttl = redis.run(commands -> commands.pttl(prefix + ":calltoken:" + token.split("\\.")[1])).block();
        assertThat(ttl).isBetween(50_000L, 60_001L);
    }

    @Test
    void withoutRedisEachInstanceStillRefusesItsOwnReplaysAndCountsTheFallback() throws Exception {
        try (RedisConnector unreachable = connector("redis://127.0.0.1:" + FreePort.find())) {
            CallTokens alone = instance(unreachable);
            String token = alone.issue(CALL);

            assertThat(alone.consume(token, CALL).block(Duration.ofSeconds(5))).as("MAC and expiry still hold").isTrue();
            assertThat(alone.consume(token, CALL).block(Duration.ofSeconds(5))).as("a replay to the same instance").isFalse();
            assertThat(fallbacks.count()).isEqualTo(1);
        }
    }
}
