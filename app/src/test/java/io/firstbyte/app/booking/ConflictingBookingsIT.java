package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.embedded.StartupSeed;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Many callers booking the same slot through two instances that share PostgreSQL and Redis, one of
 * them behind a slow Redis (every round trip 40 ms, longer than the 25 ms the fill wait polls at):
 * the losers' alternatives must never fail for reasons of the server's own making.
 */
class ConflictingBookingsIT {

    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final String REDIS_PORT = "6379";

    static ItDatabase database;
    static SlowProxy slowRedis;
    static BookingStack fast;
    static BookingStack slow;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(BookingEngineIT.CLOCK);
        slowRedis = new SlowProxy(Integer.parseInt(REDIS_PORT), Duration.ofMillis(40));
        fast = new BookingStack(database.address(), "redis://127.0.0.1:" + REDIS_PORT, BookingEngineIT.CLOCK);
        slow = new BookingStack(database.address(), "redis://127.0.0.1:" + slowRedis.port(), BookingEngineIT.CLOCK,
                fast.keyPrefix);
    }

    @AfterAll
    static void stop() throws Exception {
        slow.close();
        fast.close();
        slowRedis.close();
        database.close();
    }

    @Test
    void waitingForAnotherInstancesFillOnASlowRedisEndsInTheDaysSlotsNotAnError() {
        TenantCatalog catalog = fast.catalogs.catalog(DEMO).block();
        ServiceInfo colour = catalog.service("Colour").orElseThrow();
        LocalDate day = LocalDate.parse("2026-11-26");
        long version = new AvailabilityStore(DatabaseClient.create(fast.pool), fast.queries)
                .versions(UUID.fromString(DEMO), day, day).block().getOrDefault(day, 0L);
        // the other instance has claimed the fill and is slow to deliver it
        assertThat(fast.cache.claimFill(UUID.fromString(DEMO), catalog.revision(), colour.id(), day, day, version, Duration.ofSeconds(30)).block())
                .isTrue();

        assertThat(slow.slots.day(catalog, colour, day).block(Duration.ofSeconds(10))).isNotEmpty();
    }

    @Test
    void hundredConcurrentBookingsOfOneSlotOnTwoInstancesGiveOneWinnerAndAlternativesToEveryoneElse() {
        List<String> answers = Flux.range(0, 100)
                .flatMap(i -> (i % 2 == 0 ? fast : slow).tools.run("create_booking", """
                        {"service":"Haircut","start":"2026-11-25T11:00","staff":"Anna","customer_name":"Caller %s"}"""
                        .formatted((char) ('A' + i % 26)), DEMO)
                        .onErrorResume(error -> Mono.just("error: " + error)),
                        // 25 at a time: concurrent enough to race for the slot on both instances, few enough that
                        // a CI machine shared with other builds does not hit the 2-5 s database time limits
                        25)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).noneMatch(answer -> answer.startsWith("error"));
        List<JsonNode> parsed = answers.stream().map(BookingEngineIT.JSON::readTree).toList();
        assertThat(parsed).filteredOn(a -> a.path("status").asString().equals("confirmed")).hasSize(1);
        // every loser was told the same three nearest times: no day of its alternatives was skipped
        JsonNode nearest = BookingEngineIT.JSON.readTree(fast.tools.run("find_alternatives",
                "{\"service\":\"Haircut\",\"around\":\"2026-11-25T11:00\",\"count\":3,\"staff\":\"Anna\"}", DEMO).block())
                .path("slots");
        assertThat(nearest.size()).isEqualTo(3);
        assertThat(parsed).filteredOn(a -> a.path("status").asString().equals("conflict")).hasSize(99)
                .allSatisfy(conflict -> assertThat(conflict.path("alternatives")).isEqualTo(nearest));
    }
}
