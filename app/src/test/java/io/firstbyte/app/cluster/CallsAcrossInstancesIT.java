package io.firstbyte.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.FirstbyteApplication;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.capacity.Http;
import io.firstbyte.app.capacity.TwilioLine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances sharing the machine's PostgreSQL and Redis (a key prefix of their own): each lists
 * both instances' calls, a hang-up or trace request sent to one reaches the call on the other, and
 * an instance that dies without a word drops out of the list within its heartbeat bound.
 */
class CallsAcrossInstancesIT {

    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    static final String PREFIX = "fbit" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);

    static ItDatabase database;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(Clock.systemUTC());
        a = instance();
        b = instance();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        database.close();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(FirstbyteApplication.class).run("--server.port=0",
                // its own database on this machine's PostgreSQL is a developer's set-up: development mode, Twilio open
                "--firstbyte.security.mode=development", "--firstbyte.database.url=" + database.url(),
                "--firstbyte.redis.url=redis://127.0.0.1:6379", "--firstbyte.redis.key-prefix=" + PREFIX,
                "--firstbyte.providers.simulated.profile=fast", "--firstbyte.instance.heartbeat=" + HEARTBEAT.toMillis() + "ms",
                // the demo salon answers the calls (an external database is not seeded by default)
                "--firstbyte.booking.seed-demo=true");
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String id(ConfigurableApplicationContext instance) {
        return instance.getBean(ThisInstance.class).id();
    }

    @Test
    void aHangUpSentToOneInstanceEndsTheCallOnTheOtherAndEitherListsBothInstancesCalls() {
        Http toA = new Http(port(a));
        Http toB = new Http(port(b));
        try (TwilioLine onA = TwilioLine.dial(port(a)); TwilioLine onB = TwilioLine.dial(port(b))) {
            await().atMost(GENEROUS).until(() -> onA.audioFrames() > 0 && onB.audioFrames() > 0);

            for (Http either : List.of(toA, toB)) {
                await().atMost(GENEROUS).untilAsserted(() -> assertThat(either.get("/calls").getResponseBody())
                        .contains(onA.callSid, onB.callSid, id(a), id(b)).contains("\"complete\":true"));
            }

            int status = toA.client().post().uri("/calls/{id}/hangup", onB.callSid).exchange()
                    .returnResult(String.class).getStatus().value();

            assertThat(status).as("hang-up through A").isEqualTo(204);
            await().atMost(GENEROUS).until(onB::closed);
            assertThat(b.getBean(LiveCalls.class).list()).extracting(LiveCalls.LiveCall::callId).doesNotContain(onB.callSid);
            assertThat(onA.closed()).as("A's own call").isFalse();
            await().atMost(GENEROUS).untilAsserted(() -> assertThat(toA.get("/calls").getResponseBody())
                    .contains(onA.callSid).doesNotContain(onB.callSid));
            assertThat(toA.client().post().uri("/calls/{id}/hangup", "CA-nobody-has").exchange()
                    .returnResult(String.class).getStatus().value()).isEqualTo(404);
        }
    }

    @Test
    void aTraceAskedOfOneInstanceComesFromTheInstanceThatHeldTheCall() throws Exception {
        try (TwilioLine onB = TwilioLine.dial(port(b), Map.of("From", "+15550001111", "To", "+15550100100",
                "lines", "Do you have anything free tomorrow?"))) {
            await().atMost(GENEROUS).until(() -> onB.audioFrames() > 0);
            await().atMost(GENEROUS).until(() -> System.nanoTime() - onB.lastAudioAt() > Duration.ofMillis(800).toNanos());
            int greeting = onB.audioFrames();
            onB.speaking(true);
            Thread.sleep(1200);
            onB.speaking(false);
            await().atMost(GENEROUS).until(() -> onB.audioFrames() > greeting);

            Http toA = new Http(port(a));
            await().atMost(GENEROUS).untilAsserted(() -> {
                var trace = toA.get("/calls/" + onB.callSid + "/trace");
                assertThat(trace.getStatus().value()).isEqualTo(200);
                assertThat(trace.getResponseBody()).contains(onB.callSid, "\"turns\"", "\"turn\":1");
            });
        }
        assertThat(new Http(port(a)).status("/calls/CA-nobody-has/trace")).isEqualTo(404);
    }

    @Test
    void aDeadInstancesCallsDisappearWithinItsHeartbeatBound() {
        RedisConnector redis = new RedisConnector("redis://127.0.0.1:6379", Duration.ofSeconds(1), Duration.ofSeconds(1),
                CircuitBreaker.ofDefaults("it-dead-instance"));
        try {
            ThisInstance dead = new ThisInstance("dead-" + PREFIX);
            dead.listeningAt("http://127.0.0.1:1");
            ClusterCalls registry = new ClusterCalls(redis, PREFIX, dead, HEARTBEAT.multipliedBy(3), Clock.systemUTC());
            LiveCalls.LiveCall call = new LiveCalls.LiveCall("CA-on-a-dead-instance", "MZ-dead", "***1111", "+15550100100", Instant.now());
            registry.beat(new ClusterCalls.InstanceState(1, 100, false), () -> List.of(call)).block(Duration.ofSeconds(5));
            Http toA = new Http(port(a));
            assertThat(toA.get("/calls").getResponseBody()).contains("CA-on-a-dead-instance", dead.id());

            // No more beats, no goodbye: the process died.
            long diedAt = System.nanoTime();
            await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100))
                    .until(() -> !toA.get("/calls").getResponseBody().contains("CA-on-a-dead-instance"));
            Duration gone = Duration.ofNanos(System.nanoTime() - diedAt);

            assertThat(gone).as("within three beats and a poll").isLessThan(HEARTBEAT.multipliedBy(3).plusSeconds(5));
            assertThat(toA.client().post().uri("/calls/{id}/hangup", "CA-on-a-dead-instance").exchange()
                    .returnResult(String.class).getStatus().value()).as("its calls cannot be reached").isEqualTo(404);
        } finally {
            redis.close();
        }
    }
}
