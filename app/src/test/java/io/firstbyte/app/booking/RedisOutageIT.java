package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.embedded.FreePort;
import io.firstbyte.app.embedded.StartupSeed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped in the middle: lookups keep answering from PostgreSQL within the tool timeout,
 * and once Redis is back the cache is used again by itself. Uses its own redis-server on a free
 * port, never the machine's shared one.
 */
class RedisOutageIT {

    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(3);

    static int port;
    static Process redis;
    static ItDatabase database;
    static BookingStack stack;

    @BeforeAll
    static void start() throws Exception {
        port = FreePort.find();
        redis = startRedis(port);
        database = ItDatabase.create(BookingEngineIT.CLOCK);
        stack = new BookingStack(database.address(), "redis://127.0.0.1:" + port, BookingEngineIT.CLOCK, 10,
                Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        redis.destroyForcibly();
        stack.versions.close();
        stack.redis.close();
        stack.pool.dispose();
        database.close();
    }

    @Test
    void lookupsSurviveRedisDyingAndUseTheCacheAgainWhenItReturns() throws Exception {
        String tuesday = "{\"service\":\"Haircut\",\"date\":\"2026-11-24\"}";
        String truth = lookup(tuesday);
        lookup(tuesday);
        assertThat(stack.cache.hits()).as("served from Redis while it is up").isPositive();

        redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        long queriesBefore = stack.queries.get(QueryCounter.Kind.AVAILABILITY);
        for (int i = 0; i < 8; i++) {
            assertThat(lookup(tuesday)).isEqualTo(truth);
        }
        assertThat(stack.queries.get(QueryCounter.Kind.AVAILABILITY) - queriesBefore)
                .as("answered from PostgreSQL while Redis is down").isEqualTo(8);

        redis = startRedis(port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long hits = stack.cache.hits();
            lookup(tuesday);
            return stack.cache.hits() > hits;
        });
        long queriesAfterRecovery = stack.queries.get(QueryCounter.Kind.AVAILABILITY);
        assertThat(lookup(tuesday)).isEqualTo(truth);
        assertThat(stack.queries.get(QueryCounter.Kind.AVAILABILITY)).isEqualTo(queriesAfterRecovery);
    }

    /** One check_availability, which must answer within the tool timeout. */
    static String lookup(String arguments) {
        return stack.tools.run("check_availability", arguments, DEMO).block(TOOL_TIMEOUT);
    }

    static Process startRedis(int port) throws Exception {
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> accepts(port));
        return process;
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
