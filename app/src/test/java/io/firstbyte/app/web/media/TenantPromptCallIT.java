package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.SalonSeed;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
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
    static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-12-05T18:30:00Z"), CLOCK_ZONE);
    /** The same salon, set up twice: synthetic salon 1 in Berlin, synthetic salon 2 in New York. */
    static final SalonSeed.Salon BERLIN = StartupSeed.synthetic(1);
    static final SalonSeed.Salon NEW_YORK = StartupSeed.synthetic(2);

    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);
    static final FakeDeepgramListenServer DEEPGRAM = FakeDeepgramListenServer.start("dg-key").resultLatency(Duration.ofMillis(50));
    static final PromptOnlyAgent AGENT = new PromptOnlyAgent(Duration.ofMillis(100), Duration.ofMillis(5));
    static final FakeOpenAiServer MODEL = FakeOpenAiServer.start().respondWith(AGENT);
    static final FakeCartesiaServer CARTESIA = FakeCartesiaServer.start("ca-key");

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
        registry.add("firstbyte.database.url", DATABASE::url);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
        registry.add("firstbyte.providers.stt", () -> "deepgram");
        registry.add("firstbyte.providers.llm", () -> "openai");
        registry.add("firstbyte.providers.tts", () -> "cartesia");
        registry.add("firstbyte.providers.deepgram.api-key", () -> "dg-key");
        registry.add("firstbyte.providers.deepgram.listen-url", DEEPGRAM::listenUrl);
        registry.add("firstbyte.providers.llm-servers.openai.api-key", () -> "sk-key");
        registry.add("firstbyte.providers.llm-servers.openai.base-url", MODEL::baseUrl);
        registry.add("firstbyte.providers.llm-servers.openai.model", () -> "fake-model");
        registry.add("firstbyte.providers.cartesia.api-key", () -> "ca-key");
        registry.add("firstbyte.providers.cartesia.url", CARTESIA::url);
        registry.add("firstbyte.providers.cartesia.voice", () -> "fake-voice");
    }

    @AfterAll
    static void stopFakes() {
        DEEPGRAM.close();
        MODEL.close();
        CARTESIA.close();
        DATABASE.close();
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
        assertThat(toolArguments(requests, "create_booking")).containsExactly(
                "{\"service\":\"Haircut\",\"start\":\"2026-12-08T15:00\",\"customer_name\":\"Sam Taylor\",\"customer_phone\":\"+15550001111\"}");
        assertThat(booking("Sam Taylor")).isEqualTo("2026-12-08T14:00:00Z " + CALLER_NUMBER);
        assertThat(AGENT.problems()).isEmpty();
    }

    @Test
    void theSameBusinessInBerlinAndNewYorkCalledAtTheSameInstantGetsDifferentTodays() throws Exception {
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z"));

        List<RecordedRequest> berlin = call(BERLIN, "A haircut tomorrow at three please. My name is Bea Berlin.", "Bea Berlin");
        List<RecordedRequest> newYork = call(NEW_YORK, "A haircut tomorrow at three please. My name is Nora York.", "Nora York");

        assertThat(systemPrompt(berlin)).contains("You answer the phone for Salon Mara.",
                "Today is Tuesday, 8 December 2026 (2026-12-08) and the local time is 04:30 (Europe/Berlin, UTC+01:00).");
        assertThat(systemPrompt(newYork)).contains("You answer the phone for Salon Mara.",
                "Today is Monday, 7 December 2026 (2026-12-07) and the local time is 22:30 (America/New_York, UTC-05:00).",
                "- Haircut: 30 minutes, 45.00 USD", "Speak English.");
        assertThat(toolArguments(berlin, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-09\"}");
        assertThat(toolArguments(newYork, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}");
        assertThat(booking("Bea Berlin")).as("15:00 in Berlin").isEqualTo("2026-12-09T14:00:00Z " + CALLER_NUMBER);
        assertThat(booking("Nora York")).as("15:00 in New York").isEqualTo("2026-12-08T20:00:00Z " + CALLER_NUMBER);
        assertThat(AGENT.problems()).isEmpty();
    }

    /** Places a call to {@code salon} in which the caller says {@code utterance}; answers the call's model requests. */
    private List<RecordedRequest> call(SalonSeed.Salon salon, String utterance, String customer) throws Exception {
        int before = MODEL.requests().size();
        DEEPGRAM.utterances(utterance);
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER_NUMBER, "To", salon.phoneNumber())).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1500));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((booking(customer).isEmpty() || modelRequests(before).size() < 3) && AGENT.problems().isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            caller.hangUp();
            connection.dispose();
        }
        return modelRequests(before);
    }

    private static List<RecordedRequest> modelRequests(int from) {
        List<RecordedRequest> all = MODEL.requests();
        return all.subList(from, all.size()).stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    /** The prompt after the configured preamble: the facts of the business and the call. */
    private static String facts(String systemPrompt) {
        return systemPrompt.substring(systemPrompt.indexOf("\n\n") + 2);
    }

    private static String systemPrompt(List<RecordedRequest> requests) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        return requests.getFirst().json().path("messages").path(0).path("content").asString();
    }

    /** The arguments of every call of {@code tool} the model made, as the next request carries them back. */
    private static List<String> toolArguments(List<RecordedRequest> requests, String tool) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        List<String> arguments = new ArrayList<>();
        for (JsonNode message : requests.getLast().json().path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("function").path("name").asString().equals(tool)) {
                    arguments.add(call.path("function").path("arguments").asString());
                }
            }
        }
        return arguments;
    }

    /** "start phone" of the customer's confirmed booking; empty when there is none. */
    private static String booking(String customer) throws SQLException {
        try (Connection db = DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
             var query = db.prepareStatement("select starts_at, customer_phone from appointment "
                     + "where customer_name = ? and status = 'confirmed'")) {
            query.setString(1, customer);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, java.time.OffsetDateTime.class).toInstant() + " " + rows.getString(2) : "";
            }
        }
    }

    /** A clock the test moves; its zone is deliberately not any tenant's. */
    static final class SettableClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        SettableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            SettableClock copy = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return other;
                }

                @Override
                public Clock withZone(ZoneId again) {
                    return copy.withZone(again);
                }

                @Override
                public Instant instant() {
                    return copy.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
