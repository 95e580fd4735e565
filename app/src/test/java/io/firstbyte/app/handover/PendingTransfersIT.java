package io.firstbyte.app.handover;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.embedded.FreePort;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis transfer record is the one source of a hand-over: against the machine's Redis, only the first
 * claim of a call wins, on whichever instance it comes; without Redis each instance still refuses its own repeats.
 */
class PendingTransfersIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final String prefix = "fb-test-" + UUID.randomUUID();
    private final String call = "v3:" + UUID.randomUUID();
    private final RedisConnector redis = connector("redis://127.0.0.1:6379");

    @AfterEach
    void close() {
        redis.run(commands -> commands.del(prefix + ":transfer:" + call)).block(WAIT);
        redis.close();
    }

    private static RedisConnector connector(String url) {
        RedisConnector connector = new RedisConnector(url, Duration.ofSeconds(2), Duration.ofSeconds(2), CircuitBreaker.ofDefaults("redis"));
        connector.connect().block(Duration.ofSeconds(5));
        return connector;
    }

    @Test
    void onlyTheFirstClaimOfACallWinsAcrossInstancesAndTheFirstNumberStays() {
        PendingTransfers one = new PendingTransfers(redis, prefix, Duration.ofMinutes(1));
        PendingTransfers other = new PendingTransfers(redis, prefix, Duration.ofMinutes(1));

        assertThat(one.claim(call, "+15550009999").block(WAIT)).isTrue();
        assertThat(one.claim(call, "+15550009999").block(WAIT)).as("a retry on the same instance").isFalse();
        assertThat(other.claim(call, "+15550008888").block(WAIT)).as("a repeat on another instance").isFalse();
        assertThat(other.find(call).block(WAIT)).isEqualTo(Optional.of("+15550009999"));
    }

    @Test
    void withoutRedisAnInstanceStillRefusesItsOwnRepeats() {
        try (RedisConnector unreachable = connector("redis://127.0.0.1:" + FreePort.find())) {
            PendingTransfers alone = new PendingTransfers(unreachable, prefix, Duration.ofMinutes(1));

            assertThat(alone.claim(call, "+15550009999").block(WAIT)).isTrue();
            assertThat(alone.claim(call, "+15550009999").block(WAIT)).isFalse();
            assertThat(alone.find(call).block(WAIT)).isEqualTo(Optional.of("+15550009999"));
        }
    }
}
