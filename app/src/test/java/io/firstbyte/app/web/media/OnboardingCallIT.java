package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.admin.AdminClient;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
import io.firstbyte.fakes.deepgram.FakeDeepgramListenServer;
import io.firstbyte.fakes.openai.FakeOpenAiServer;
import io.firstbyte.fakes.openai.PromptOnlyAgent;
import io.firstbyte.fakes.openai.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
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
 * From nothing to a call: an empty database (the server migrates it, seeds nothing), a business set up
 * through /admin alone, its number called through the Twilio media path, and a model that knows only
 * what the system prompt tells it ({@link PromptOnlyAgent}: it fails the turn when today's date, the
 * business, its hours or its services are missing). The caller books, moves and cancels their own
 * appointment by voice, with the booking id from the booking's own answer (find_my_bookings is another
 * branch's); the admin's bookings list shows each step. The same business set up in Berlin and in New
 * York and called at one instant gets two different todays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a developer's own PostgreSQL: development mode (Twilio and /admin open to this machine), nothing seeded
        properties = {"firstbyte.security.mode=development",
                // the model must get the business facts even on a loaded machine: wait for the catalog
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s", "firstbyte.booking.seed-demo=false",
                "firstbyte.telephony.start-timeout=1s"})
class OnboardingCallIT {

    static final String CALLER = "+15550002222";
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-05T18:30:00Z"));
    static volatile String lastListing = "";
    static final ItDatabase DATABASE = ItDatabase.bare();
    static final FakeDeepgramListenServer DEEPGRAM = FakeDeepgramListenServer.start("dg-key").resultLatency(Duration.ofMillis(50));
    static final PromptOnlyAgent AGENT = new PromptOnlyAgent(Duration.ofMillis(100), Duration.ofMillis(5));
    static final FakeOpenAiServer MODEL = FakeOpenAiServer.start().respondWith(AGENT);
    static final FakeCartesiaServer CARTESIA = FakeCartesiaServer.start("ca-key");

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

    /** Sets up Salon Mara in {@code zone} answering on {@code number}, through /admin only; returns its id. */
    private String onboard(AdminClient admin, String zone, String number, String currency) {
        String id = admin.post("/admin/businesses", """
                {"name": "Salon Mara", "time_zone": "%s", "currency": "%s", "phone_numbers": ["%s"],
                 "hours": {"tuesday": [{"start": "09:00", "end": "18:00"}], "wednesday": [{"start": "09:00", "end": "18:00"}],
                           "thursday": [{"start": "09:00", "end": "18:00"}], "friday": [{"start": "09:00", "end": "18:00"}],
                           "saturday": [{"start": "09:00", "end": "14:00"}]},
                 "closures": [{"from": "2026-12-24", "to": "2026-12-26", "reason": "Christmas"}],
                 "greeting": "Salon Mara, hello!"}""".formatted(zone, currency, number)).path("id").asString();
        String base = "/admin/businesses/" + id;
        admin.post(base + "/services", "{\"name\": \"Haircut\", \"duration_minutes\": 30, \"price_cents\": 4500}");
        admin.post(base + "/services", "{\"name\": \"Colour\", \"duration_minutes\": 90, \"buffer_after_minutes\": 10, "
                + "\"price_cents\": 12000}");
        admin.post(base + "/staff", """
                {"name": "Anna", "services": ["Haircut", "Colour"],
                 "hours": {"tuesday": [{"start": "08:00", "end": "19:00"}], "wednesday": [{"start": "08:00", "end": "19:00"}],
                           "saturday": [{"start": "09:00", "end": "14:00"}]},
                 "breaks": {"tuesday": [{"start": "12:30", "end": "13:30"}]}}""");
        return id;
    }

    @Test
    void aBusinessSetUpThroughAdminAloneAnswersItsFirstCallAndTheCallerBooksMovesAndCancels() throws Exception {
        CLOCK.set(Instant.parse("2026-12-05T18:30:00Z")); // Saturday 19:30 in Berlin
        AdminClient admin = new AdminClient(port, "");
        String id = onboard(admin, "Europe/Berlin", "+4930555000", "EUR");
        String bookings = "/admin/businesses/" + id + "/bookings?date=2026-12-08&days=2&status=all";

        int before = MODEL.requests().size();
        DEEPGRAM.utterances("Hi, I'd like a haircut on Tuesday at three. My name is Sam Taylor.",
                "Could you move my appointment to Wednesday at four?", "Sorry, please cancel it after all.");
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER, "To", "+4930555000")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1500));
            awaitTurn(caller, () -> listed(admin, bookings).contains("2026-12-08T15:00 confirmed Sam Taylor " + CALLER));
            caller.say(Duration.ofMillis(1500));
            awaitTurn(caller, () -> listed(admin, bookings).contains("2026-12-09T16:00 confirmed Sam Taylor " + CALLER));
            caller.say(Duration.ofMillis(1500));
            awaitTurn(caller, () -> listed(admin, bookings).contains("2026-12-09T16:00 cancelled Sam Taylor " + CALLER));
        } finally {
            caller.hangUp();
            connection.dispose();
        }

        List<RecordedRequest> requests = modelRequests(before);
        String system = requests.getFirst().json().path("messages").path(0).path("content").asString();
        assertThat(system).contains("You answer the phone for Salon Mara.",
                "Today is Saturday, 5 December 2026 (2026-12-05) and the local time is 19:30 (Europe/Berlin, UTC+01:00).",
                "- Monday: closed\n", "- Saturday (today): 09:00-14:00\n",
                "Closed on: 2026-12-24 to 2026-12-26 (Christmas).", "- Haircut: 30 minutes, 45.00 EUR",
                "Staff: Anna.", "The caller is calling from " + CALLER);
        assertThat(requests.getFirst().json().path("messages").path(1).path("content").asString()).isEqualTo("Salon Mara, hello!");
        String booked = arguments(requests, "create_booking").getFirst();
        assertThat(booked).isEqualTo("{\"service\":\"Haircut\",\"start\":\"2026-12-08T15:00\",\"customer_name\":\"Sam Taylor\","
                + "\"customer_phone\":\"" + CALLER + "\"}");
        String bookingId = admin.get(bookings).path("bookings").get(0).path("id").asString();
        assertThat(arguments(requests, "reschedule_booking"))
                .containsExactly("{\"booking_id\":\"" + bookingId + "\",\"start\":\"2026-12-09T16:00\"}");
        assertThat(arguments(requests, "cancel_booking")).containsExactly("{\"booking_id\":\"" + bookingId + "\"}");
        assertThat(AGENT.problems()).isEmpty();
    }

    @Test
    void theSameBusinessInBerlinAndNewYorkSetUpThroughAdminAndCalledAtOneInstantGetsDifferentTodays() throws Exception {
        AdminClient admin = new AdminClient(port, "");
        String berlin = onboard(admin, "Europe/Berlin", "+4930555111", "EUR");
        String newYork = onboard(admin, "America/New_York", "+12125550111", "USD");
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z")); // Tuesday 04:30 in Berlin, Monday 22:30 in New York

        List<RecordedRequest> inBerlin = call("+4930555111", "A haircut tomorrow at three please. My name is Bea Berlin.",
                () -> listed(admin, "/admin/businesses/" + berlin + "/bookings?date=2026-12-09").toString().contains("Bea Berlin"));
        List<RecordedRequest> inNewYork = call("+12125550111", "A haircut tomorrow at three please. My name is Nora York.",
                () -> listed(admin, "/admin/businesses/" + newYork + "/bookings?date=2026-12-08").toString().contains("Nora York"));

        assertThat(system(inBerlin)).contains(
                "Today is Tuesday, 8 December 2026 (2026-12-08) and the local time is 04:30 (Europe/Berlin, UTC+01:00).");
        assertThat(system(inNewYork)).contains(
                "Today is Monday, 7 December 2026 (2026-12-07) and the local time is 22:30 (America/New_York, UTC-05:00).",
                "- Haircut: 30 minutes, 45.00 USD");
        assertThat(arguments(inBerlin, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-09\"}");
        assertThat(arguments(inNewYork, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}");
        assertThat(listed(admin, "/admin/businesses/" + berlin + "/bookings?date=2026-12-09"))
                .containsExactly("2026-12-09T15:00 confirmed Bea Berlin " + CALLER);
        assertThat(listed(admin, "/admin/businesses/" + newYork + "/bookings?date=2026-12-08"))
                .containsExactly("2026-12-08T15:00 confirmed Nora York " + CALLER);
        assertThat(AGENT.problems()).isEmpty();
    }

    private List<RecordedRequest> call(String number, String utterance, BooleanSupplier booked) throws Exception {
        int before = MODEL.requests().size();
        DEEPGRAM.utterances(utterance);
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", CALLER, "To", number)).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), Duration.ofSeconds(15))).as("greeting played").isTrue();
            caller.say(Duration.ofMillis(1500));
            awaitTurn(caller, booked);
        } finally {
            caller.hangUp();
            connection.dispose();
        }
        return modelRequests(before);
    }

    /**
     * Waits until {@code done} holds and the agent has then spoken its answer (or the fake model refused a turn).
     * The answer comes only after the write's result went back to the model, so it is awaited as audio arriving
     * after the change: the agent has been quiet since the caller spoke, and merely waiting for quiet would hang
     * up before the model was asked about the result.
     */
    private static void awaitTurn(TwilioTestCaller caller, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean() && AGENT.problems().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(AGENT.problems()).isEmpty();
        assertThat(done.getAsBoolean()).as(() -> "the turn's change reached the bookings list (" + lastListing
                + "); the model's last request: " + (MODEL.requests().isEmpty() ? "none" : MODEL.requests().getLast().body()))
                .isTrue();
        int heard = caller.mediaReceived.get();
        assertThat(caller.awaitAnswer(heard, Duration.ofMillis(700), Duration.ofSeconds(15))).as("the answer played").isTrue();
    }

    /** The bookings the admin API lists, one "start status name phone" each. */
    private static List<String> listed(AdminClient admin, String path) {
        List<String> lines = new ArrayList<>();
        JsonNode listing = admin.get(path);
        lastListing = path + " " + listing;
        for (JsonNode booking : listing.path("bookings")) {
            lines.add(booking.path("start").asString() + " " + booking.path("status").asString() + " "
                    + booking.path("customer_name").asString() + " " + booking.path("customer_phone").asString());
        }
        return lines;
    }

    private static List<RecordedRequest> modelRequests(int from) {
        List<RecordedRequest> all = MODEL.requests();
        return all.subList(from, all.size()).stream().filter(r -> r.path().endsWith("/chat/completions")).toList();
    }

    private static String system(List<RecordedRequest> requests) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        return requests.getFirst().json().path("messages").path(0).path("content").asString();
    }

    /**
     * A clock the test moves; its own zone (Kiritimati, already a day ahead) is deliberately no
     * business's, so a prompt built from the clock's zone instead of the business's is caught.
     */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Pacific/Kiritimati");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock self = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return self.withZone(other);
                }

                @Override
                public Instant instant() {
                    return self.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Every call of {@code tool} the model made, as the call's last request carries them back. */
    private static List<String> arguments(List<RecordedRequest> requests, String tool) {
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
}
