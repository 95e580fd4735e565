package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.SalonSeed;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.fakes.openai.PromptOnlyAgent;
import io.firstbyte.fakes.openai.RecordedRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What a model is told at call start, asserted on the requests an OpenAI-compatible model receives:
 * the business, and today's date and time in the business's zone from the application's clock (never
 * the server's zone, nor the clock's). The model is {@link PromptOnlyAgent}, which knows only what the
 * request says, so a booking made through it shows a real model would have had what it needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // its own database on this machine's PostgreSQL is a developer's set-up: development mode, Twilio open
        properties = {"firstbyte.security.mode=development",
                // the model must get the business facts even on a loaded machine: wait for the catalog
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s", "firstbyte.telephony.start-timeout=1s",
                "firstbyte.booking.synthetic-tenants=2"})
class TenantPromptCallIT {

    static final String CALLER_NUMBER = "+15550001111";
    /** Where the clock says it is: Sunday morning already, so a prompt using the clock's zone is caught. */
    static final ZoneId CLOCK_ZONE = ZoneId.of("Pacific/Kiritimati");
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-05T18:30:00Z"), CLOCK_ZONE);
    /** The same salon, set up twice: synthetic salon 1 in Berlin, synthetic salon 2 in New York. */
    static final SalonSeed.Salon BERLIN = StartupSeed.synthetic(1);
    static final SalonSeed.Salon NEW_YORK = StartupSeed.synthetic(2);

    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);
    static final PromptOnlyAgent AGENT = new PromptOnlyAgent(Duration.ofMillis(100), Duration.ofMillis(5));
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, AGENT);

    static {
        StartupSeed.run(DATABASE.address(), false, "", 2, CLOCK);
        DATABASE.execute("update tenant set name = 'Salon Mara' where id in ('" + BERLIN.tenantId() + "', '" + NEW_YORK.tenantId() + "')");
        DATABASE.execute("update tenant set greeting = 'Salon Mara, guten Abend!', language = 'de', currency = 'EUR', "
                + "agent_instructions = 'Offer the caller a glass of water on arrival.' where id = '" + BERLIN.tenantId() + "'");
        DATABASE.execute("update tenant set currency = 'USD' where id = '" + NEW_YORK.tenantId() + "'");
    }

    @TestConfiguration
    static class FixedTime {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aSaturdayEveningCallToABerlinSalonCarriesBerlinsDateAndTimeAndBooksFromThePromptAlone() throws Exception {
        CLOCK.set(Instant.parse("2026-12-05T18:30:00Z"));

        List<RecordedRequest> requests = call(BERLIN, "Hi, I'd like a haircut on Tuesday at three. My name is Sam Taylor.",
                "Sam Taylor");

        JsonNode first = requests.getFirst().json().path("messages");
        assertThat(first.path(0).path("role").asString()).isEqualTo("system");
        assertThat(facts(first.path(0).path("content").asString())).isEqualTo("""
                You answer the phone for Salon Mara.
                Today is Saturday, 5 December 2026 (2026-12-05) and the local time is 19:30 (Europe/Berlin, UTC+01:00).
                Work out the dates callers say ("tomorrow", "next Friday", "the 3rd") from today. \
                The tools take days as YYYY-MM-DD and times as YYYY-MM-DDTHH:MM, in the business's local time: \
                tomorrow at 3 pm is 2026-12-06T15:00.
                Opening hours:
                - Monday: closed
                - Tuesday: 09:00-18:00
                - Wednesday: 09:00-18:00
                - Thursday: 09:00-18:00
                - Friday: 09:00-18:00
                - Saturday (today): 09:00-18:00
                - Sunday: closed
                Services:
                - Beard trim: 20 minutes, 20.00 EUR (Ben, Carla)
                - Blow-dry: 45 minutes, 35.00 EUR (Anna, Carla)
                - Colour: 90 minutes, 120.00 EUR (Anna, Carla)
                - Haircut: 30 minutes, 45.00 EUR
                Staff: Anna, Ben, Carla.
                Appointments can be booked at least 1 hour ahead and at most 60 days ahead (the last day is 2027-02-03).
                The caller is calling from +15550001111; read it back to confirm it before booking with it as their phone number.
                If the caller asks for a person, use transfer_call; if it says nobody can take the call, \
                offer to take a message and record it with take_message.
                Speak German.
                Instructions from the business:
                Offer the caller a glass of water on arrival.""");
        assertThat(first.path(1).path("content").asString()).as("the tenant's own greeting").isEqualTo("Salon Mara, guten Abend!");
        assertThat(ChatRequests.toolArguments(requests, "create_booking")).containsExactly(
                "{\"service\":\"Haircut\",\"start\":\"2026-12-08T15:00\",\"customer_name\":\"Sam Taylor\",\"customer_phone\":\"+15550001111\"}");
        assertThat(booking("Sam Taylor")).isEqualTo("2026-12-08T14:00:00Z " + CALLER_NUMBER);
        assertThat(AGENT.problems()).isEmpty();
    }

    @Test
    void theSameBusinessInBerlinAndNewYorkCalledAtTheSameInstantGetsDifferentTodays() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z"));

        List<RecordedRequest> berlin = call(BERLIN, "A haircut tomorrow at three please. My name is Bea Berlin.", "Bea Berlin");
        List<RecordedRequest> newYork = call(NEW_YORK, "A haircut tomorrow at three please. My name is Nora York.", "Nora York");

        assertThat(ChatRequests.systemPrompt(berlin)).contains("You answer the phone for Salon Mara.",
                "Today is Tuesday, 8 December 2026 (2026-12-08) and the local time is 04:30 (Europe/Berlin, UTC+01:00).");
        assertThat(ChatRequests.systemPrompt(newYork)).contains("You answer the phone for Salon Mara.",
                "Today is Monday, 7 December 2026 (2026-12-07) and the local time is 22:30 (America/New_York, UTC-05:00).",
                "- Haircut: 30 minutes, 45.00 USD", "Speak English.");
        assertThat(ChatRequests.toolArguments(berlin, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-09\"}");
        assertThat(ChatRequests.toolArguments(newYork, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}");
        assertThat(booking("Bea Berlin")).as("15:00 in Berlin").isEqualTo("2026-12-09T14:00:00Z " + CALLER_NUMBER);
        assertThat(booking("Nora York")).as("15:00 in New York").isEqualTo("2026-12-08T20:00:00Z " + CALLER_NUMBER);
        assertThat(AGENT.problems()).isEmpty();
    }

    /** Places a call to {@code salon} in which the caller says {@code utterance}; answers the call's model requests. */
    private List<RecordedRequest> call(SalonSeed.Salon salon, String utterance, String customer) throws Exception {
        return FAKES.callOnce(port, CALLER_NUMBER, salon.phoneNumber(), utterance,
                requests -> !booking(customer).isEmpty() && requests.size() >= 3 || !AGENT.problems().isEmpty());
    }

    /** The prompt after the configured preamble: the facts of the business and the call. */
    private static String facts(String systemPrompt) {
        return systemPrompt.substring(systemPrompt.indexOf("\n\n") + 2);
    }

    /** "start phone" of the customer's confirmed booking; empty when there is none. */
    private static String booking(String customer) {
        try (Connection db = DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
             var query = db.prepareStatement("select starts_at, customer_phone from appointment "
                     + "where customer_name = ? and status = 'confirmed'")) {
            query.setString(1, customer);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, java.time.OffsetDateTime.class).toInstant() + " " + rows.getString(2) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
