package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.IdempotencyClaim;
import io.firstbyte.app.booking.store.IdempotencyStore;
import io.firstbyte.app.booking.tools.ToolArgs;
import io.firstbyte.app.embedded.StartupSeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency records as the arbiter between two server instances (two booking engines on one
 * PostgreSQL), and what happens to a key whose holder vanished or was overtaken.
 */
class IdempotentWritesIT {

    /** Monday 2026-11-23, 09:00 in New York. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);
    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ItDatabase database;
    static BookingStack first;
    static BookingStack second;
    static IdempotencyStore records;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(CLOCK);
        first = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
        second = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
        records = new IdempotencyStore(DatabaseClient.create(first.pool), first.queries);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        database.close();
    }

    @Test
    void concurrentRepeatsOnTwoInstancesMakeOneBookingAndAllGetIt() {
        String request = """
                {"service":"Haircut","start":"2026-11-25T11:00","customer_name":"Two Instances","idempotency_key":"two-instances"}""";

        List<JsonNode> answers = Flux.range(0, 20)
                .flatMap(i -> (i % 2 == 0 ? first : second).tools.run("create_booking", request, DEMO), 20)
                .map(JSON::readTree)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(20).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        assertThat(answers.getFirst().path("status").asString()).isEqualTo("confirmed");
        assertThat(rows("Two Instances")).isEqualTo(1);
    }

    @Test
    void aKeyWhoseHolderVanishedAfterCommittingIsAnsweredFromItsBookingNotBookedAgain() {
        String request = """
                {"service":"Haircut","start":"2026-11-25T09:30","staff":"Carla","customer_name":"Vanished Holder","idempotency_key":"vanished"}""";
        IdempotencyClaim claim = records.claim(UUID.fromString(DEMO), "vanished", fingerprint("create_booking", request),
                Duration.ZERO, Duration.ofHours(24)).block();
        TenantCatalog catalog = first.catalogs.catalog(DEMO).block();
        BookingOutcome committed = first.bookings.create(catalog, new BookingService.Request(catalog.service("Haircut").orElseThrow(),
                LocalDateTime.parse("2026-11-25T09:30"), "Vanished Holder", null, catalog.staffMember("Carla").orElseThrow()),
                claim).block();

        JsonNode retry = JSON.readTree(second.tools.run("create_booking", request, DEMO).block());

        assertThat(retry.path("status").asString()).isEqualTo("confirmed");
        assertThat(retry.path("booking_id").asString())
                .isEqualTo(((BookingOutcome.Confirmed) committed).appointment().id().toString());
        assertThat(rows("Vanished Holder")).isEqualTo(1);
    }

    @Test
    void aHolderOvertakenAfterItsLeaseCommitsNothing() {
        String request = """
                {"service":"Haircut","start":"2026-11-25T16:00","staff":"Carla","customer_name":"Slow Holder","idempotency_key":"overtaken"}""";
        String fingerprint = fingerprint("create_booking", request);
        UUID tenant = UUID.fromString(DEMO);
        IdempotencyClaim slow = records.claim(tenant, "overtaken", fingerprint, Duration.ZERO, Duration.ofHours(24)).block();
        IdempotencyClaim overtaker = records.claim(tenant, "overtaken", fingerprint, Duration.ofMinutes(1), Duration.ofHours(24)).block();
        TenantCatalog catalog = first.catalogs.catalog(DEMO).block();

        assertThat(overtaker).isNotNull();
        assertThatThrownBy(() -> first.bookings.create(catalog, new BookingService.Request(catalog.service("Haircut").orElseThrow(),
                LocalDateTime.parse("2026-11-25T16:00"), "Slow Holder", null, catalog.staffMember("Carla").orElseThrow()),
                slow).block()).isInstanceOf(IdempotencyClaim.Lost.class);
        assertThat(rows("Slow Holder")).isZero();
    }

    @Test
    void aCancelledBookingIsNoLongerTheAnswerToTheKeyThatMadeIt() {
        String request = """
                {"service":"Haircut","start":"2026-11-26T11:00","staff":"Carla","customer_name":"Changed Mind","idempotency_key":"rebook"}""";
        JsonNode booked = JSON.readTree(first.tools.run("create_booking", request, DEMO).block());
        first.tools.run("cancel_booking", "{\"booking_id\":\"" + booked.path("booking_id").asString() + "\"}", DEMO).block();

        JsonNode again = JSON.readTree(second.tools.run("create_booking", request, DEMO).block());

        assertThat(again.path("status").asString()).isEqualTo("confirmed");
        assertThat(again.path("booking_id").asString()).isNotEqualTo(booked.path("booking_id").asString());
    }

    static String fingerprint(String tool, String arguments) {
        return IdempotencyKey.sha256(tool + "\n" + ToolArgs.canonical(JSON.readTree(arguments)));
    }

    static long rows(String customer) {
        try (Connection connection = DriverManager.getConnection(database.address().jdbcUrl(), database.address().user(),
                database.address().password());
             PreparedStatement query = connection.prepareStatement("select count(*) from appointment where customer_name = ?")) {
            query.setString(1, customer);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
