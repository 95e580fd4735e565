package io.firstbyte.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.call.LiveCalls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry on the machine's Redis: what a beat repairs, and what leaving removes. */
class ClusterCallsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final String prefix = "fbit" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    private final RedisConnector redis = new RedisConnector("redis://127.0.0.1:6379", Duration.ofSeconds(1), Duration.ofSeconds(1),
            CircuitBreaker.ofDefaults("it-cluster-calls"));
    private final ThisInstance self = new ThisInstance("i-1");
    private final ClusterCalls registry = new ClusterCalls(redis, prefix, self, Duration.ofSeconds(30), Clock.systemUTC());

    @AfterEach
    void close() {
        registry.leave().block(WAIT);
        redis.close();
    }

    @Test
    void aBeatPublishesACallWhoseStartWasLostAndRemovesOneWhoseEndWasLost() {
        self.listeningAt("http://127.0.0.1:8080/");
        LiveCalls.LiveCall published = call("CA-published");
        LiveCalls.LiveCall endLost = call("CA-end-lost");
        registry.beat(new ClusterCalls.InstanceState(2, 100, false), () -> List.of(published, endLost)).block(WAIT);
        registry.started(published);
        assertThat(ids()).containsExactlyInAnyOrder("CA-published", "CA-end-lost");

        // Redis missed CA-end-lost's end and CA-start-lost's start; the next beat sees this instance's own calls.
        registry.beat(new ClusterCalls.InstanceState(2, 100, false), () -> List.of(published, call("CA-start-lost"))).block(WAIT);

        assertThat(ids()).containsExactlyInAnyOrder("CA-published", "CA-start-lost");
        ClusterCalls.View view = registry.view().block(WAIT);
        assertThat(view.instances()).singleElement().isEqualTo(new ClusterCalls.InstanceView("i-1", "http://127.0.0.1:8080", 2, 100, false));
        assertThat(view.calls()).allMatch(call -> call.instance().equals("i-1"));
        assertThat(registry.owner("CA-published").block(WAIT)).isEqualTo(new ClusterCalls.Owner("i-1", "http://127.0.0.1:8080"));
    }

    @Test
    void anInstanceThatLeavesIsGoneAtOnceButItsRecentCallsOwnerIsNotReachable() {
        registry.started(call("CA-1"));
        registry.beat(new ClusterCalls.InstanceState(1, 100, true), () -> List.of(call("CA-1"))).block(WAIT);
        assertThat(registry.view().block(WAIT).instances()).extracting(ClusterCalls.InstanceView::draining).containsExactly(true);

        registry.leave().block(WAIT);

        assertThat(registry.view().block(WAIT).instances()).isEmpty();
        assertThat(registry.owner("CA-1").blockOptional(WAIT)).isEmpty();
    }

    private List<String> ids() {
        return registry.view().block(WAIT).calls().stream().map(ClusterCalls.ClusterCall::callId).toList();
    }

    private static LiveCalls.LiveCall call(String id) {
        return new LiveCalls.LiveCall(id, "MZ" + id, "***1111", "+15550100100", Instant.parse("2026-12-06T10:00:00Z"));
    }
}
