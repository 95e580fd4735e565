package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.admin.AdminClient;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.fakes.openai.PromptOnlyAgent;
import io.firstbyte.fakes.openai.RecordedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * From nothing to a business answering its calls, as docs/onboarding.md tells it: every request of the
 * walk-through is sent as the document writes it to a server with an empty database (migrated, nothing
 * seeded), the business's number is called through the Twilio media path, and the model knows only what
 * the system prompt tells it ({@link PromptOnlyAgent}: it fails the turn when today's date, the business,
 * its hours or its services are missing). The caller books; calling again, they ask for their bookings,
 * and the model finds theirs alone with find_my_bookings, moves it and cancels it. The walk-through's
 * bookings list shows each step and its call list both calls with what was said and done. The same
 * business set up in Berlin and in New York and called at one instant gets two different todays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a developer's own PostgreSQL: development mode (Twilio and /admin open to this machine), nothing seeded
        properties = {"firstbyte.security.mode=development",
                // the model must get the business facts even on a loaded machine: wait for the catalog
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s", "firstbyte.booking.seed-demo=false",
                "firstbyte.telephony.start-timeout=1s", "firstbyte.call-records.flush-every=100ms",
                // the walk-through stores a webhook secret
                "firstbyte.booking.credentials-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
class OnboardingCallIT {

    static final String CALLER = "+15550002222";
    static final String OTHER_CALLER = "+15550003333";
    static final String BOOK = "Hi, I'd like a haircut on Tuesday at three. My name is Sam Taylor.";
    static final String MOVE = "Which appointments do I have? Please move my haircut to Tuesday at five.";
    static final String CANCEL = "Sorry, please cancel it after all.";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Saturday 5 December 2026, 19:30 in Berlin; the clock's own zone (Kiritimati, a day ahead) is no business's. */
    static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-05T18:30:00Z"), ZoneId.of("Pacific/Kiritimati"));
    static final PromptOnlyAgent AGENT = new PromptOnlyAgent(Duration.ofMillis(100), Duration.ofMillis(5));
    static final ItDatabase DATABASE = ItDatabase.bare();
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, AGENT);
    static final DocumentedRequests WALK_THROUGH = DocumentedRequests.read(Path.of("..", "docs", "onboarding.md"));
    static volatile String lastListing = "";

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
    void theWalkThroughsBusinessBooksThenFindsMovesAndCancelsTheCallersBookingAndListsBothCalls() throws Exception {
        CLOCK.set(Instant.parse("2026-12-05T18:30:00Z"));
        AdminClient admin = new AdminClient(port, "");
        WalkThrough doc = new WalkThrough(admin);
        doc.send(section -> section <= 4);
        String base = "/admin/businesses/" + doc.businessId;
        JsonNode business = admin.get(base);
        String number = business.path("phone_numbers").get(0).asString();
        String week = base + "/bookings?date=2026-12-08&days=7&status=all";
        String otherKey = admin.post(base + "/api-keys", "{}").path("key").asString();
        String others = admin.api(HttpMethod.POST, "/api/bookings", otherKey, """
                {"service": "Haircut", "start": "2026-12-08T10:00", "customer_name": "Kim Other", "customer_phone": "%s"}"""
                .formatted(OTHER_CALLER), 201).path("booking_id").asString();

        FAKES.deepgram().utterances(BOOK);
        List<RecordedRequest> booking;
        String bookingCall;
        try (ProviderFakes.PlacedCall call = FAKES.dial(port, CALLER, number)) {
            call.say();
            awaitTurn(call, () -> listed(admin, week).contains("2026-12-08T15:00 confirmed Sam Taylor " + CALLER));
            booking = call.modelRequests();
            bookingCall = call.caller.callSid;
        }
        FAKES.deepgram().utterances(MOVE, CANCEL);
        // the calls are listed by when they started: the second starts a minute later (the clock is the test's)
        CLOCK.set(CLOCK.instant().plusSeconds(60));
        List<RecordedRequest> managing;
        String managingCall;
        try (ProviderFakes.PlacedCall call = FAKES.dial(port, CALLER, number)) {
            call.say();
            awaitTurn(call, () -> listed(admin, week).contains("2026-12-08T17:00 confirmed Sam Taylor " + CALLER));
            call.say();
            awaitTurn(call, () -> listed(admin, week).contains("2026-12-08T17:00 cancelled Sam Taylor " + CALLER));
            managing = call.modelRequests();
            managingCall = call.caller.callSid;
        }

        assertThat(ChatRequests.systemPrompt(booking)).contains("You answer the phone for Salon Mara.",
                "Today is Saturday, 5 December 2026 (2026-12-05) and the local time is 19:30 (Europe/Berlin, UTC+01:00).",
                "- Monday: closed\n", "- Tuesday: 09:00-18:00\n", "- Saturday (today): 09:00-14:00\n",
                "Closed on: 2026-12-24 to 2026-12-26 (Christmas).", "- Haircut: 30 minutes, 45.00 EUR",
                "- Colour: 90 minutes, 120.00 EUR", "Staff: Anna.", "The caller is calling from " + CALLER,
                "Speak German.", "Parking is behind the shop.");
        assertThat(booking.getFirst().json().path("messages").path(1).path("content").asString())
                .isEqualTo(business.path("greeting").asString()).isEqualTo(doc.businessBody().path("greeting").asString());
        assertThat(ChatRequests.toolArguments(booking, "create_booking")).containsExactly("{\"service\":\"Haircut\","
                + "\"start\":\"2026-12-08T15:00\",\"customer_name\":\"Sam Taylor\",\"customer_phone\":\"" + CALLER + "\"}");
        String bookingId = ChatRequests.toolResult(booking, "create_booking").path("booking_id").asString();
        assertThat(ChatRequests.toolResult(managing, "find_my_bookings").path("bookings").findValuesAsString("booking_id"))
                .as("the caller's bookings alone").containsExactly(bookingId).doesNotContain(others);
        assertThat(ChatRequests.toolArguments(managing, "reschedule_booking"))
                .containsExactly("{\"booking_id\":\"" + bookingId + "\",\"start\":\"2026-12-08T17:00\"}");
        assertThat(ChatRequests.toolArguments(managing, "cancel_booking")).containsExactly("{\"booking_id\":\"" + bookingId + "\"}");
        assertThat(AGENT.problems()).isEmpty();

        Map<String, JsonNode> after = doc.send(section -> section >= 6);
        assertThat(bookings(after.get(base + "/bookings?date=2026-12-08&days=7")))
                .containsExactly("2026-12-08T10:00 confirmed Kim Other " + OTHER_CALLER);
        assertThat(bookings(after.get(base + "/bookings?date=2026-12-08&staff=Anna&status=all"))).containsExactlyInAnyOrder(
                "2026-12-08T10:00 confirmed Kim Other " + OTHER_CALLER, "2026-12-08T17:00 cancelled Sam Taylor " + CALLER);
        String calls = "/admin/calls?business=" + doc.businessId;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (admin.get(calls).path("calls").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(doc.send(section -> section == 7)).containsKey(calls);
        JsonNode listed = admin.get(calls).path("calls");
        assertThat(listed.findValuesAsString("call_id")).as("newest first").containsExactly(managingCall, bookingCall);
        assertThat(listed.findValues("turns")).extracting(JsonNode::asInt).containsExactly(2, 1);
        for (JsonNode call : listed) {
            assertThat(call.path("business_id").asString()).isEqualTo(doc.businessId);
            assertThat(call.path("gateway").asString()).isEqualTo("twilio");
            assertThat(call.path("caller").asString()).isEqualTo(CALLER);
            assertThat(call.path("dialled").asString()).isEqualTo(number);
            assertThat(call.path("end_reason").asString()).as("the caller hung up").isEqualTo("caller");
            assertThat(Instant.parse(call.path("ended_at").asString())).isAfterOrEqualTo(Instant.parse(call.path("started_at").asString()));
        }

        JsonNode booked = admin.get("/admin/calls/" + bookingCall).path("turns").get(0);
        assertThat(booked.path("caller_text").asString()).isEqualTo(BOOK);
        assertThat(booked.path("agent_text").asString()).contains("You're booked at Salon Mara on 2026-12-08 15:00 with Anna.");
        assertThat(booked.path("tools").findValuesAsString("name")).containsExactly("check_availability", "create_booking");
        assertThat(booked.path("tools").get(1).path("result").asString()).contains(bookingId, "confirmed");
        assertThat(booked.path("latency").path("ttfb_ms").asDouble()).isPositive();
        JsonNode[] managed = {admin.get("/admin/calls/" + managingCall).path("turns").get(0),
                admin.get("/admin/calls/" + managingCall).path("turns").get(1)};
        assertThat(managed[0].path("caller_text").asString()).isEqualTo(MOVE);
        assertThat(managed[0].path("agent_text").asString()).contains("is now on 2026-12-08 17:00");
        assertThat(managed[0].path("tools").findValuesAsString("name")).containsExactly("find_my_bookings", "reschedule_booking");
        assertThat(managed[0].path("tools").get(0).path("result").asString()).contains(bookingId).doesNotContain(others);
        assertThat(managed[0].path("tools").get(1).path("arguments").asString())
                .isEqualTo("{\"booking_id\":\"" + bookingId + "\",\"start\":\"2026-12-08T17:00\"}");
        assertThat(managed[1].path("caller_text").asString()).isEqualTo(CANCEL);
        assertThat(managed[1].path("tools").findValuesAsString("name")).containsExactly("cancel_booking");
        assertThat(managed[1].path("tools").get(0).path("result").asString()).contains("cancelled");
        assertThat(managed[1].path("agent_text").asString()).contains("is cancelled");
    }

    @Test
    void theSameBusinessInBerlinAndNewYorkSetUpThroughAdminAndCalledAtOneInstantGetsDifferentTodays() throws Exception {
        AdminClient admin = new AdminClient(port, "");
        String berlin = onboard(admin, "Europe/Berlin", "+4930555111", "EUR");
        String newYork = onboard(admin, "America/New_York", "+12125550111", "USD");
        CLOCK.set(Instant.parse("2026-12-08T03:30:00Z")); // Tuesday 04:30 in Berlin, Monday 22:30 in New York

        String inBerlinBookings = "/admin/businesses/" + berlin + "/bookings?date=2026-12-09";
        String inNewYorkBookings = "/admin/businesses/" + newYork + "/bookings?date=2026-12-08";
        List<RecordedRequest> inBerlin = FAKES.callOnce(port, CALLER, "+4930555111",
                "A haircut tomorrow at three please. My name is Bea Berlin.",
                requests -> booked(requests, () -> listed(admin, inBerlinBookings).toString().contains("Bea Berlin")));
        List<RecordedRequest> inNewYork = FAKES.callOnce(port, CALLER, "+12125550111",
                "A haircut tomorrow at three please. My name is Nora York.",
                requests -> booked(requests, () -> listed(admin, inNewYorkBookings).toString().contains("Nora York")));

        assertThat(ChatRequests.systemPrompt(inBerlin)).contains(
                "Today is Tuesday, 8 December 2026 (2026-12-08) and the local time is 04:30 (Europe/Berlin, UTC+01:00).");
        assertThat(ChatRequests.systemPrompt(inNewYork)).contains(
                "Today is Monday, 7 December 2026 (2026-12-07) and the local time is 22:30 (America/New_York, UTC-05:00).",
                "- Haircut: 30 minutes, 45.00 USD");
        assertThat(ChatRequests.toolArguments(inBerlin, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-09\"}");
        assertThat(ChatRequests.toolArguments(inNewYork, "check_availability")).containsExactly("{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}");
        assertThat(listed(admin, inBerlinBookings)).containsExactly("2026-12-09T15:00 confirmed Bea Berlin " + CALLER);
        assertThat(listed(admin, inNewYorkBookings)).containsExactly("2026-12-08T15:00 confirmed Nora York " + CALLER);
        assertThat(AGENT.problems()).isEmpty();
    }

    /** Sets up Salon Mara in {@code zone} answering on {@code number}, through /admin only; returns its id. */
    private static String onboard(AdminClient admin, String zone, String number, String currency) {
        String id = admin.post("/admin/businesses", """
                {"name": "Salon Mara", "time_zone": "%s", "currency": "%s", "phone_numbers": ["%s"],
                 "hours": {"tuesday": [{"start": "09:00", "end": "18:00"}], "wednesday": [{"start": "09:00", "end": "18:00"}],
                           "saturday": [{"start": "09:00", "end": "14:00"}]}}""".formatted(zone, currency, number))
                .path("id").asString();
        admin.post("/admin/businesses/" + id + "/services", "{\"name\": \"Haircut\", \"duration_minutes\": 30, \"price_cents\": 4500}");
        admin.post("/admin/businesses/" + id + "/staff", """
                {"name": "Anna", "services": ["Haircut"], "hours": {"tuesday": [{"start": "08:00", "end": "19:00"}],
                 "wednesday": [{"start": "08:00", "end": "19:00"}]}}""");
        return id;
    }

    /** The call's booking turn is over: the booking is listed and the model was asked about its result (or refused a turn). */
    private static boolean booked(List<RecordedRequest> requests, BooleanSupplier listed) {
        return !AGENT.problems().isEmpty() || requests.size() >= 3 && listed.getAsBoolean();
    }

    /**
     * Waits until {@code done} holds and the agent has then spoken its answer (or the fake model refused a turn).
     * The answer comes only after the write's result went back to the model, so it is awaited as audio arriving
     * after the change: the agent has been quiet since the caller spoke, and merely waiting for quiet would hang
     * up before the model was asked about the result.
     */
    private static void awaitTurn(ProviderFakes.PlacedCall call, BooleanSupplier done) throws InterruptedException {
        call.awaitRequests(requests -> done.getAsBoolean() || !AGENT.problems().isEmpty());
        assertThat(AGENT.problems()).isEmpty();
        assertThat(done.getAsBoolean()).as(() -> "the turn's change reached the bookings list (" + lastListing
                + "); the model's last request: " + (call.modelRequests().isEmpty() ? "none" : call.modelRequests().getLast().body()))
                .isTrue();
        int heard = call.caller.mediaReceived.get();
        assertThat(call.caller.awaitAnswer(heard, Duration.ofMillis(700), Duration.ofSeconds(30))).as("the answer played").isTrue();
    }

    /** The bookings the admin API lists at {@code path}, one "start status name phone" each. */
    private static List<String> listed(AdminClient admin, String path) {
        JsonNode listing = admin.get(path);
        lastListing = path + " " + listing;
        return bookings(listing);
    }

    private static List<String> bookings(JsonNode listing) {
        List<String> lines = new ArrayList<>();
        for (JsonNode booking : listing.path("bookings")) {
            lines.add(booking.path("start").asString() + " " + booking.path("status").asString() + " "
                    + booking.path("customer_name").asString() + " " + booking.path("customer_phone").asString());
        }
        return lines;
    }

    /**
     * Sends the walk-through's requests as an admin on this machine would: {@code $S} is the server, {@code $B}
     * the business the first request created, {@code <id>} its id, {@code $A} the admin's Authorization, and
     * the API key the document shows is the one its request created. A request naming an id the document
     * leaves to the reader ({@code <message id>}) is not sent.
     */
    private static final class WalkThrough {
        private final AdminClient admin;
        private String businessId = "";
        private String apiKey = "";
        private String apiKeyPrefix = "";

        WalkThrough(AdminClient admin) {
            this.admin = admin;
        }

        JsonNode businessBody() {
            return JSON.readTree(WALK_THROUGH.requests().stream().filter(request -> request.url().equals("$S/admin/businesses"))
                    .findFirst().orElseThrow().body());
        }

        /** Sends the requests of the sections {@code sections} accepts, in order; their answers by path. */
        Map<String, JsonNode> send(IntPredicate sections) {
            Map<String, JsonNode> answers = new HashMap<>();
            List<DocumentedRequests.Request> chosen = WALK_THROUGH.requests().stream()
                    .filter(request -> sections.test(request.section())).toList();
            assertThat(chosen).as("requests of the walk-through").isNotEmpty();
            for (DocumentedRequests.Request request : chosen) {
                String path = resolve(request.url());
                if (path.contains("<")) {
                    continue;
                }
                String authorization = "$A".equals(request.authorization()) ? "Bearer " : resolve(request.authorization());
                HttpMethod method = HttpMethod.valueOf(request.method());
                int status = method == HttpMethod.POST ? 201 : method == HttpMethod.DELETE ? 204 : 200;
                JsonNode answer = admin.exchange(method, path, authorization, request.body(), status).body();
                answers.put(path, answer);
                if (path.equals("/admin/businesses") && method == HttpMethod.POST) {
                    businessId = answer.path("id").asString();
                } else if (path.endsWith("/api-keys") && method == HttpMethod.POST) {
                    apiKey = answer.path("key").asString();
                    apiKeyPrefix = answer.path("prefix").asString();
                } else if (method == HttpMethod.DELETE && path.endsWith("/api-keys/" + apiKeyPrefix)) {
                    admin.exchange(HttpMethod.GET, "/api/availability?service=Haircut&date=2026-12-08", "Bearer " + apiKey, null, 401);
                }
            }
            return answers;
        }

        private String resolve(String text) {
            return text == null ? null : text.replace("$S", "").replace("$B", "/admin/businesses/" + businessId)
                    .replace("<id>", businessId).replace("fbk_1a2b3c4d_...", apiKey).replace("fbk_1a2b3c4d", apiKeyPrefix);
        }
    }
}
