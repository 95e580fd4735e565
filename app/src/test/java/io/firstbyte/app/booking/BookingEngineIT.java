package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.booking.cache.CachedDay;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.pipeline.tool.ToolException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The engine against the machine's real PostgreSQL and Redis: coalescing, no double booking, versioned cache. */
class BookingEngineIT {

    /** Monday 2026-11-23, 09:00 in New York: the demo salon opens tomorrow. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);
    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ItDatabase database;
    static BookingStack stack;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(CLOCK);
        stack = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
    }

    @AfterAll
    static void stop() {
        stack.close();
        database.close();
    }

    @Test
    void fiftyConcurrentIdenticalColdLookupsRunOneAvailabilityQuery() throws Exception {
        // with the catalog in memory (trusted while announcements are heard), each caller reaches the shared
        // lookup synchronously while it is subscribed, on this thread: no caller can come after the lookup ends
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> stack.versions.epoch() >= 0);
        stack.catalogs.catalog(DEMO).block();
        long availabilityBefore = stack.queries.get(QueryCounter.Kind.AVAILABILITY);
        long versionsBefore = stack.queries.get(QueryCounter.Kind.VERSIONS);
        long catalogsBefore = stack.queries.get(QueryCounter.Kind.CATALOG);

        // hold the first lookup's availability query in the database until all 50 callers have asked,
        // so the test does not depend on how fast this machine schedules the callers
        CompletableFuture<List<String>> answers;
        try (Connection holder = DriverManager.getConnection(database.address().jdbcUrl(), "postgres", "")) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table appointment in access exclusive mode");
            answers = Flux.range(0, 50)
                    .flatMap(i -> stack.tools.run("check_availability", "{\"service\":\"Haircut\",\"date\":\"2026-11-27\"}", DEMO), 50)
                    .collectList().toFuture();
            // every caller has asked (subscribing returned) and the shared lookup has reached the database,
            // where it waits on the lock until the commit
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> stack.queries.get(QueryCounter.Kind.AVAILABILITY) > availabilityBefore);
            holder.commit();
        }

        assertThat(answers.get(30, TimeUnit.SECONDS)).hasSize(50).containsOnly(answers.get().getFirst());
        assertThat(stack.queries.get(QueryCounter.Kind.AVAILABILITY) - availabilityBefore).isEqualTo(1);
        assertThat(stack.queries.get(QueryCounter.Kind.VERSIONS) - versionsBefore).isLessThanOrEqualTo(1);
        assertThat(stack.queries.get(QueryCounter.Kind.CATALOG)).as("the catalog came from memory").isEqualTo(catalogsBefore);
    }

    @Test
    void hundredConcurrentBookingsOfOneSlotConfirmExactlyOneAndOfferTheRestAlternatives() {
        List<JsonNode> answers = Flux.range(0, 100)
                .flatMap(i -> stack.tools.run("create_booking", """
                        {"service":"Haircut","start":"2026-11-25T11:00","staff":"Anna","customer_name":"Caller %s"}"""
                        .formatted((char) ('A' + i % 26)), DEMO), 100)
                .map(JSON::readTree)
                .collectList().block();

        assertThat(answers).filteredOn(a -> a.path("status").asString().equals("confirmed")).hasSize(1);
        List<JsonNode> conflicts = answers.stream().filter(a -> a.path("status").asString().equals("conflict")).toList();
        assertThat(conflicts).hasSize(99).allSatisfy(conflict -> {
            assertThat(conflict.path("alternatives").size()).isPositive();
            conflict.path("alternatives").forEach(slot ->
                    assertThat(slot.path("start").asString() + slot.path("staff").asString()).isNotEqualTo("2026-11-25T11:00Anna"));
        });
    }

    @Test
    void aBookedSlotIsNeverOfferedAgainEvenThoughItsCacheEntryWasNotDeleted() {
        JsonNode before = JSON.readTree(stack.tools.run("check_availability",
                "{\"service\":\"Beard trim\",\"date\":\"2026-11-26\",\"staff\":\"Ben\"}", DEMO).block());
        String first = before.path("slots").get(0).path("start").asString();

        JsonNode booked = JSON.readTree(stack.tools.run("create_booking", """
                {"service":"Beard trim","start":"%s","staff":"Ben","customer_name":"Ada Lovelace"}""".formatted(first), DEMO).block());
        JsonNode after = JSON.readTree(stack.tools.run("check_availability",
                "{\"service\":\"Beard trim\",\"date\":\"2026-11-26\",\"staff\":\"Ben\"}", DEMO).block());

        assertThat(booked.path("status").asString()).isEqualTo("confirmed");
        TenantCatalog catalog = stack.catalogs.catalog(DEMO).block();
        UUID beard = catalog.service("Beard trim").orElseThrow().id();
        Map<LocalDate, CachedDay> cached = stack.cache.get(UUID.fromString(DEMO), catalog.revision(), beard, List.of(LocalDate.parse("2026-11-26"))).block();
        assertThat(cached).containsKey(LocalDate.parse("2026-11-26"));
        assertThat(after.path("slots").findValuesAsString("start")).doesNotContain(first);
    }

    @Test
    void repeatingAnIdempotencyKeyReturnsTheFirstBookingInsteadOfBookingTwice() {
        String request = """
                {"service":"Blow-dry","start":"2026-11-27T16:00","customer_name":"Grace Hopper","idempotency_key":"call-42:turn-3"}""";
        JsonNode first = JSON.readTree(stack.tools.run("create_booking", request, DEMO).block());
        JsonNode again = JSON.readTree(stack.tools.run("create_booking", request, DEMO).block());

        assertThat(first.path("status").asString()).isEqualTo("confirmed");
        assertThat(again.path("booking_id").asString()).isEqualTo(first.path("booking_id").asString());
    }

    @Test
    void rescheduleMovesTheBookingAndFreesTheOldTime() {
        JsonNode booked = JSON.readTree(stack.tools.run("create_booking",
                "{\"service\":\"Haircut\",\"start\":\"2026-12-01T09:00\",\"staff\":\"Carla\",\"customer_name\":\"Alan Turing\"}", DEMO).block());
        JsonNode moved = JSON.readTree(stack.tools.run("reschedule_booking",
                "{\"booking_id\":\"%s\",\"start\":\"2026-12-01T16:00\"}".formatted(booked.path("booking_id").asString()), DEMO).block());
        JsonNode day = JSON.readTree(stack.tools.run("check_availability",
                "{\"service\":\"Haircut\",\"date\":\"2026-12-01\",\"staff\":\"Carla\"}", DEMO).block());

        assertThat(moved.path("status").asString()).isEqualTo("rescheduled");
        assertThat(moved.path("start").asString()).isEqualTo("2026-12-01T16:00");
        assertThat(day.path("slots").findValuesAsString("start")).contains("2026-12-01T09:00").doesNotContain("2026-12-01T16:00");
    }

    @Test
    void cancellingTwiceSaysThereIsNoConfirmedBooking() {
        JsonNode booked = JSON.readTree(stack.tools.run("create_booking",
                "{\"service\":\"Haircut\",\"start\":\"2026-12-02T10:30\",\"customer_name\":\"Grace\"}", DEMO).block());
        String cancel = "{\"booking_id\":\"%s\"}".formatted(booked.path("booking_id").asString());

        assertThat(JSON.readTree(stack.tools.run("cancel_booking", cancel, DEMO).block()).path("status").asString())
                .isEqualTo("cancelled");
        assertThatThrownBy(() -> stack.tools.run("cancel_booking", cancel, DEMO).block())
                .isInstanceOf(ToolException.class).hasMessageContaining("no confirmed booking");
    }

    @Test
    void providerCredentialsAreStoredEncryptedAndReadBackOnlyForTheirTenant() {
        var cipher = new io.firstbyte.app.tenant.CredentialCipher(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        var credentials = new io.firstbyte.app.tenant.TenantCredentials(
                org.springframework.r2dbc.core.DatabaseClient.create(stack.pool), cipher);
        String other = StartupSeed.synthetic(1).tenantId().toString();

        credentials.store(DEMO, "deepgram", "dg-live-secret").block();

        assertThat(credentials.credential(DEMO, "deepgram").block()).isEqualTo("dg-live-secret");
        assertThat(credentials.credential(other, "deepgram").blockOptional()).isEmpty();
        String stored = org.springframework.r2dbc.core.DatabaseClient.create(stack.pool)
                .sql("select encode(ciphertext, 'escape') as text from tenant_credential").map(row -> row.get("text", String.class))
                .one().block();
        assertThat(stored).doesNotContain("dg-live-secret");
    }

    @Test
    void aVersionChangedByAnyClientIsHeardFromPostgresqlAndForgottenWhenNotListening() {
        UUID tenant = UUID.fromString(DEMO);
        LocalDate day = LocalDate.parse("2026-11-28");
        stack.tools.run("check_availability", "{\"service\":\"Haircut\",\"date\":\"2026-11-28\"}", DEMO).block();
        Long before = stack.versions.known(tenant, day);

        database.execute("update availability_version set version = version + 5 where tenant_id = '" + DEMO
                + "' and day = '2026-11-28'");

        assertThat(before).isNotNull();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Long.valueOf(before + 5).equals(stack.versions.known(tenant, day)));
        io.firstbyte.app.booking.store.VersionListener closed = new io.firstbyte.app.booking.store.VersionListener(stack.pool.unwrap());
        closed.learn(tenant, day, 1, closed.epoch());
        assertThat(closed.known(tenant, day)).as("never trusted without a live listener").isNull();
    }

    @Test
    void findNextAvailableSkipsTheClosedDaysAndAnswersTheFirstOpenOne() {
        JsonNode next = JSON.readTree(stack.tools.run("find_next_available",
                "{\"service\":\"Colour\",\"after\":\"2026-11-28T18:00\"}", DEMO).block());

        assertThat(next.path("date").asString()).isEqualTo("2026-12-01");
        assertThat(next.path("slots").size()).isPositive();
    }
}
