package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.booking.store.VersionListener;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;

/**
 * A check_availability of a named time from a call reads the days around it in the background, and the
 * follow-up find_alternatives is answered from that memory: no database query, no Redis round trip.
 * What was booked in between is never offered from it, and the background read ends with the call.
 * Set {@code -Dfirstbyte.it.prefetch-rounds=32} for more rounds of the latency comparison (printed).
 */
class AlternativesPrefetchIT {

    private static final Logger log = LoggerFactory.getLogger(AlternativesPrefetchIT.class);
    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final UUID TENANT = UUID.fromString(DEMO);
    static final Duration GENEROUS = Duration.ofSeconds(15);
    static final int ROUNDS = Integer.getInteger("firstbyte.it.prefetch-rounds", 8);

    static ItDatabase database;
    static BookingStack a;
    static BookingStack b;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(BookingEngineIT.CLOCK);
        a = new BookingStack(database.address(), "redis://127.0.0.1:6379", BookingEngineIT.CLOCK);
        b = new BookingStack(database.address(), database.address(), "redis://127.0.0.1:6379", BookingEngineIT.CLOCK,
                a.keyPrefix);
        await().atMost(GENEROUS).until(() -> a.versions.epoch() != VersionListener.DISCONNECTED
                && b.versions.epoch() != VersionListener.DISCONNECTED);
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
        database.close();
    }

    @Test
    void theFollowUpAlternativesComeFromMemoryWithoutADatabaseQueryOrARedisRoundTrip() {
        CallScope call = new CallScope();
        ask(a, call, "Haircut", "2026-12-09", "15:00");
        await().atMost(GENEROUS).until(() -> call.runningCount() == 0);
        long database = a.queries.get(QueryCounter.Kind.AVAILABILITY) + a.queries.get(QueryCounter.Kind.VERSIONS);
        long redis = a.cache.hits() + a.cache.misses();

        JsonNode alternatives = alternatives(a, call, "Haircut", "2026-12-09T15:00");

        assertThat(a.queries.get(QueryCounter.Kind.AVAILABILITY) + a.queries.get(QueryCounter.Kind.VERSIONS))
                .as("database queries of the follow-up").isEqualTo(database);
        assertThat(a.cache.hits() + a.cache.misses()).as("Redis lookups of the follow-up").isEqualTo(redis);
        assertThat(alternatives.path("slots")).isNotEmpty();
        assertThat(alternatives).as("the same as an instance without the memory answers")
                .isEqualTo(alternatives(b, new CallScope(), "Haircut", "2026-12-09T15:00"));
    }

    @Test
    void aSlotBookedOnThisInstanceAfterTheBackgroundReadIsNotOffered() {
        CallScope call = new CallScope();
        ask(a, call, "Haircut", "2026-12-16", "15:00");
        await().atMost(GENEROUS).until(() -> call.runningCount() == 0);
        JsonNode nearest = alternatives(a, call, "Haircut", "2026-12-16T15:00").path("slots").get(0);

        book(a, nearest, "Ina Between");

        assertThat(offers(alternatives(a, call, "Haircut", "2026-12-16T15:00"))).doesNotContain(offer(nearest));
    }

    @Test
    void aSlotBookedOnAnotherInstanceIsNotOfferedOnceThisOneHasHeardOfIt() {
        CallScope call = new CallScope();
        LocalDate day = LocalDate.parse("2026-12-23");
        ask(a, call, "Haircut", day.toString(), "15:00");
        await().atMost(GENEROUS).until(() -> call.runningCount() == 0);
        JsonNode nearest = alternatives(a, call, "Haircut", day + "T15:00").path("slots").get(0);
        long before = a.versions.floor(TENANT, day);

        book(b, nearest, "Ole Other");
        await().atMost(GENEROUS).until(() -> a.versions.known(TENANT, day) != null && a.versions.known(TENANT, day) > before);

        assertThat(offers(alternatives(a, call, "Haircut", day + "T15:00"))).doesNotContain(offer(nearest));
    }

    @Test
    void theBackgroundReadEndsWithTheCallAndKeepsNothing() throws Exception {
        TenantCatalog catalog = a.catalogs.catalog(DEMO).block();
        LocalDateTime around = LocalDateTime.parse("2026-12-30T15:00");
        CallScope call = new CallScope();
        long hits = a.prefetched.hits();
        try (Connection holder = DriverManager.getConnection(database.address().jdbcUrl(), "postgres", "")) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table appointment in access exclusive mode");
            long queries = a.queries.get(QueryCounter.Kind.AVAILABILITY);
            a.prefetched.around(catalog, catalog.service("Haircut").orElseThrow(), around,
                    BookingWindow.of(catalog.tenant(), BookingEngineIT.CLOCK)).contextWrite(Context.of(CallScope.class, call)).block();
            await().atMost(GENEROUS).until(() -> a.queries.get(QueryCounter.Kind.AVAILABILITY) > queries);

            assertThat(a.prefetched.inFlight()).as("reads waiting on the database").isPositive();

            call.dispose();

            // cancelling is synchronous: nothing waits on the database for the call any more (a read that
            // outlived the call would wait here until the read timeout)
            assertThat(a.prefetched.inFlight()).isZero();
            holder.commit();
        }
        alternatives(a, new CallScope(), "Haircut", around.toString());
        assertThat(a.prefetched.hits()).as("nothing kept from the cancelled read").isEqualTo(hits);
    }

    /**
     * Latency of the follow-up find_alternatives with and without the background read: each round asks
     * about a time (check_availability) on days no lookup has touched yet, then asks for alternatives;
     * "without" also asks a second time, once its neighbouring days are in Redis.
     */
    @Test
    void theFollowUpLatencyWithAndWithoutTheBackgroundRead() {
        BookingStack m = new BookingStack(database.address(), "redis://127.0.0.1:6379", BookingEngineIT.CLOCK);
        try {
            await().atMost(GENEROUS).until(() -> m.versions.epoch() != VersionListener.DISCONNECTED);
            List<Double> cold = new ArrayList<>();
            List<Double> redisWarm = new ArrayList<>();
            List<Double> fromMemory = new ArrayList<>();
            List<String> services = List.of("Haircut", "Beard trim", "Blow-dry", "Colour");
            for (int round = 0; round < ROUNDS; round++) {
                String service = services.get(round % services.size());
                LocalDate wednesday = LocalDate.parse("2026-11-25").plusWeeks(round / services.size() % 8);
                LocalDate saturday = wednesday.plusDays(3);

                ask(m, null, service, wednesday.toString(), "15:00");
                long databaseBefore = m.queries.get(QueryCounter.Kind.AVAILABILITY);
                cold.add(timed(() -> alternatives(m, new CallScope(), service, wednesday + "T15:00")));
                assertThat(m.queries.get(QueryCounter.Kind.AVAILABILITY)).as("without: the neighbouring days are read")
                        .isGreaterThan(databaseBefore);
                redisWarm.add(timed(() -> alternatives(m, new CallScope(), service, wednesday + "T15:00")));

                CallScope call = new CallScope();
                ask(m, call, service, saturday.toString(), "15:00");
                await().atMost(GENEROUS).until(() -> call.runningCount() == 0);
                long before = m.queries.get(QueryCounter.Kind.AVAILABILITY);
                fromMemory.add(timed(() -> alternatives(m, call, service, saturday + "T15:00")));
                assertThat(m.queries.get(QueryCounter.Kind.AVAILABILITY)).as("with: no database query").isEqualTo(before);
            }
            String report = "follow-up find_alternatives over %d rounds, median / p90 ms: without, neighbouring days cold %s; "
                    .formatted(ROUNDS, stats(cold)) + "without, neighbouring days in Redis " + stats(redisWarm)
                    + "; with the background read (memory) " + stats(fromMemory)
                    + "; the same follow-up repeated (steady state): Redis " + stats(repeated(m, "2026-11-25T15:00"))
                    + ", memory " + stats(repeated(m, "2026-11-28T15:00"));
            log.info(report);
            System.out.println(report);
        } finally {
            m.close();
        }
    }

    /** The last 100 of 200 identical follow-ups (Haircut, the first round's days). */
    static List<Double> repeated(BookingStack stack, String around) {
        List<Double> millis = new ArrayList<>();
        CallScope call = new CallScope();
        for (int i = 0; i < 200; i++) {
            millis.add(timed(() -> alternatives(stack, call, "Haircut", around)));
        }
        return millis.subList(100, 200);
    }

    static void ask(BookingStack stack, CallScope call, String service, String date, String time) {
        JsonNode answer = run(stack, call, "check_availability",
                "{\"service\":\"%s\",\"date\":\"%s\",\"time\":\"%s\"}".formatted(service, date, time));
        assertThat(answer.path("requested").path("start").asString()).isEqualTo(date + "T" + time);
    }

    static JsonNode alternatives(BookingStack stack, CallScope call, String service, String around) {
        return run(stack, call, "find_alternatives", "{\"service\":\"%s\",\"around\":\"%s\",\"count\":3}".formatted(service, around));
    }

    /** Runs a tool as the agent of a call does; {@code call} null: a call whose context carries no scope. */
    static JsonNode run(BookingStack stack, CallScope call, String name, String arguments) {
        Map<String, Object> attributes = call == null ? Map.of(TenantInfo.CONTEXT_ATTRIBUTE, DEMO)
                : Map.of(TenantInfo.CONTEXT_ATTRIBUTE, DEMO, CallScope.ATTRIBUTE, call);
        CallContext context = new CallContext("call-prefetch", "stream-1", "+15550009999", StartupSeed.DEMO_NUMBER, Map.of(),
                attributes);
        Tool tool = stack.tools.tools().stream().filter(t -> t.spec().name().equals(name)).findFirst().orElseThrow();
        return BookingEngineIT.JSON.readTree(tool.execute(new ToolCall("", name, arguments), context).block());
    }

    static void book(BookingStack stack, JsonNode slot, String customer) {
        JsonNode booked = BookingEngineIT.JSON.readTree(stack.tools.run("create_booking",
                "{\"service\":\"Haircut\",\"start\":\"%s\",\"staff\":\"%s\",\"customer_name\":\"%s\"}".formatted(
                        slot.path("start").asString(), slot.path("staff").asString(), customer), DEMO).block());
        assertThat(booked.path("status").asString()).isEqualTo("confirmed");
    }

    static List<String> offers(JsonNode answer) {
        List<String> offers = new ArrayList<>();
        answer.path("slots").forEach(slot -> offers.add(offer(slot)));
        return offers;
    }

    static String offer(JsonNode slot) {
        return slot.path("start").asString() + " " + slot.path("staff").asString();
    }

    static double timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1_000_000.0;
    }

    static String stats(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "%.2f / %.2f".formatted(sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1));
    }
}
