package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.cache.CachedDay;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.booking.store.VersionListener;
import io.firstbyte.app.embedded.DatabaseAddress;
import io.firstbyte.app.embedded.StartupSeed;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/**
 * Two instances sharing PostgreSQL and Redis: what one books, the other stops offering within the
 * bound documented in docs/booking.md, and once an instance has shown a slot taken it never offers it
 * again. Instance B hears PostgreSQL's announcements through a proxy the tests can slow down.
 */
class CrossInstanceOffersIT {

    private static final Logger log = LoggerFactory.getLogger(CrossInstanceOffersIT.class);
    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    /** Generous on a busy machine; measured figures are in docs/booking.md. */
    static final Duration BOUND = Duration.ofSeconds(2);
    static final int ROUNDS = Integer.getInteger("firstbyte.offers.rounds", 3);

    static ItDatabase database;
    static SlowProxy slowListener;
    static BookingStack a;
    static BookingStack b;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(BookingEngineIT.CLOCK);
        DatabaseAddress direct = database.address();
        slowListener = new SlowProxy(direct.port(), Duration.ZERO);
        DatabaseAddress proxied = new DatabaseAddress(direct.host(), slowListener.port(), direct.database(), direct.user(),
                direct.password(), direct.sslMode());
        a = new BookingStack(direct, "redis://127.0.0.1:6379", BookingEngineIT.CLOCK);
        b = new BookingStack(direct, proxied, "redis://127.0.0.1:6379", BookingEngineIT.CLOCK, a.keyPrefix);
    }

    @AfterAll
    static void stop() throws Exception {
        b.close();
        a.close();
        slowListener.close();
        database.close();
    }

    @Test
    void anInstanceThatHasShownASlotTakenNeverOffersItAgainFromAnOlderCacheEntry() {
        TenantCatalog catalog = a.catalogs.catalog(DEMO).block();
        ServiceInfo beard = catalog.service("Beard trim").orElseThrow();
        UUID tenant = UUID.fromString(DEMO);
        LocalDate day = LocalDate.parse("2026-11-26");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.versions.epoch() != VersionListener.DISCONNECTED);
        List<Slot> before = b.slots.day(catalog, beard, day).block();
        long version = versionOf(tenant, day);
        assertThat(b.versions.known(tenant, day)).as("B trusts the version it knows").isEqualTo(version);
        Slot taken = before.getFirst();

        slowListener.delay(Duration.ofSeconds(5));
        try {
            // A books the slot; B hears of it only seconds later, but reads the day afresh meanwhile
            a.tools.run("create_booking", """
                    {"service":"Beard trim","start":"%s","staff":"%s","customer_name":"Ada"}""".formatted(
                    local(catalog, taken), catalog.staffById(taken.staffId()).orElseThrow().name()), DEMO).block();
            a.cache.put(tenant, catalog.revision(), beard.id(), Map.of(day, new CachedDay(-1, List.of()))).block();
            List<Slot> shownTaken = b.slots.day(catalog, beard, day).block();
            // an instance that read the day before the booking writes its (older) entry late
            a.cache.put(tenant, catalog.revision(), beard.id(), Map.of(day, new CachedDay(version, before))).block();
            List<Slot> later = b.slots.day(catalog, beard, day).block();

            assertThat(shownTaken).doesNotContain(taken);
            assertThat(later).doesNotContain(taken);
        } finally {
            slowListener.delay(Duration.ZERO);
        }
    }

    @Test
    void afterACommitOnOneInstanceTheOtherStopsOfferingTheSlotWithinTheBoundAndNeverOffersItAgain() throws Exception {
        List<Long> stale = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String day = LocalDate.parse("2026-11-24").plusDays(round % 5).toString();
            stale.add(oneRound(day, round));
        }
        log.info("B's last offer of a slot A had booked, ms after A's booking returned (negative: none after): {}", stale);
    }

    /** Returns how long after A's booking returned B last started a lookup that still offered the slot. */
    private long oneRound(String day, int round) throws Exception {
        String check = "{\"service\":\"Haircut\",\"date\":\"%s\",\"staff\":\"Carla\"}".formatted(day);
        JsonNode first = BookingEngineIT.JSON.readTree(b.tools.run("check_availability", check, DEMO).block());
        String slot = first.path("slots").get(round / 5).path("start").asString();

        record Answer(long started, long ended, boolean offers, boolean failed) {
        }
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pollers.add(Thread.ofPlatform().start(() -> {
                while (polling.get()) {
                    long started = System.nanoTime();
                    try {
                        JsonNode answer = BookingEngineIT.JSON.readTree(b.tools.run("check_availability", check, DEMO).block());
                        answers.add(new Answer(started, System.nanoTime(),
                                answer.path("slots").findValuesAsString("start").contains(slot), false));
                    } catch (RuntimeException failed) {
                        answers.add(new Answer(started, System.nanoTime(), false, true));
                    }
                }
            }));
        }
        long committed;
        long goneSeen;
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() >= 20);
            JsonNode booked = BookingEngineIT.JSON.readTree(a.tools.run("create_booking", """
                    {"service":"Haircut","start":"%s","staff":"Carla","customer_name":"Grace"}""".formatted(slot), DEMO)
                    .block());
            committed = System.nanoTime();
            assertThat(booked.path("status").asString()).isEqualTo("confirmed");
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.stream().anyMatch(a -> a.started() > committed && !a.offers()));
            goneSeen = answers.stream().filter(a -> !a.offers()).mapToLong(Answer::ended).min().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.stream().filter(a -> a.started() > goneSeen).count() >= 40);
        } finally {
            polling.set(false);
            for (Thread poller : pollers) {
                poller.join();
            }
        }

        List<Answer> all = List.copyOf(answers);
        assertThat(all).noneMatch(Answer::failed);
        assertThat(all).as("B never offers the slot again once it has shown it taken")
                .filteredOn(a -> a.started() > goneSeen).noneMatch(Answer::offers);
        assertThat(all).as("B stops offering the slot within %s of A's booking", BOUND)
                .filteredOn(a -> a.started() > committed + BOUND.toNanos()).noneMatch(Answer::offers);
        return all.stream().filter(Answer::offers).mapToLong(a -> (a.started() - committed) / 1_000_000).max().orElseThrow();
    }

    private static long versionOf(UUID tenant, LocalDate day) {
        return new AvailabilityStore(DatabaseClient.create(a.pool), a.queries).versions(tenant, day, day).block()
                .getOrDefault(day, 0L);
    }

    private static String local(TenantCatalog catalog, Slot slot) {
        return slot.start().atZone(catalog.tenant().zone()).toLocalDateTime().toString();
    }
}
