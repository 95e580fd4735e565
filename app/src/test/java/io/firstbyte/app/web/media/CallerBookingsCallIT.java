package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.fakes.openai.FakeReply;
import io.firstbyte.fakes.openai.RecordedRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller manages their own bookings over a real call (Twilio Media Streams, fake Deepgram, an
 * OpenAI-compatible fake model, fake Cartesia) without ever saying an id: the model lists the caller's
 * bookings with find_my_bookings and cancels one by the id it got there. Another caller's list never
 * shows them.
 */
// its own database on this machine's PostgreSQL is a developer's set-up: development mode, Twilio open
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.security.mode=development",
                // the model must get the business facts even on a loaded machine: wait for the catalog
                "firstbyte.call.prompt-catalog-wait=15s", "firstbyte.call.start-resolve-timeout=20s", "firstbyte.telephony.start-timeout=1s"})
class CallerBookingsCallIT {

    static final String ADA = "+15550003333";
    static final String BEA = "+15550004444";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A Tuesday at least two days ahead, when the demo salon is open. */
    static final LocalDate DAY = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));

    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());
    @RegisterExtension
    static final ProviderFakes FAKES = ProviderFakes.start(DATABASE, new OwnBookingsAgent());

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        FAKES.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    BookingTools bookingTools;

    @Test
    void aCallerListsTheirBookingsAndCancelsOneByItsIdWhileAnotherCallerNeverSeesThem() throws Exception {
        List<String> free = freeTimes("Haircut");
        String haircut = book("Haircut", free.get(0), "Ada Lovelace", ADA);
        String beard = book("Beard trim", free.get(free.size() - 1), "Ada Lovelace", ADA);
        String colour = book("Colour", freeTimes("Colour").get(1), "Bea Other", BEA);

        // find_my_bookings, cancel_booking, then words
        List<RecordedRequest> ada = call(ADA, "What bookings do I have? Please cancel the haircut.", 3);
        // find_my_bookings, then words
        List<RecordedRequest> bea = call(BEA, "Which appointments have I got?", 2);

        JsonNode adaList = ChatRequests.toolResult(ada, "find_my_bookings");
        assertThat(adaList.path("bookings").findValuesAsString("booking_id")).containsExactly(haircut, beard);
        assertThat(adaList.path("bookings").findValuesAsString("service")).containsExactly("Haircut", "Beard trim");
        assertThat(ChatRequests.toolArguments(ada, "cancel_booking")).containsExactly("{\"booking_id\":\"" + haircut + "\"}");
        assertThat(status(haircut)).isEqualTo("cancelled");
        assertThat(status(beard)).isEqualTo("confirmed");

        JsonNode beaList = ChatRequests.toolResult(bea, "find_my_bookings");
        assertThat(beaList.path("bookings").findValuesAsString("booking_id")).containsExactly(colour);
        assertThat(beaList.toString()).doesNotContain(haircut, beard, "Ada");
        assertThat(status(colour)).isEqualTo("confirmed");
    }

    @Test
    void theApiListsTheUpcomingBookingsOfTheNumberItNames() {
        String kim = book("Blow-dry", freeTimes("Blow-dry").get(2), "Kim Api", "+15550005555");
        WebClient http = WebClient.create("http://127.0.0.1:" + port);

        JsonNode listed = http.get().uri(URI.create("http://127.0.0.1:" + port + "/api/bookings?customer_phone=%2B15550005555"))
                .header("Authorization", "Bearer demo-salon-key").retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        JsonNode literalPlus = http.get().uri(URI.create("http://127.0.0.1:" + port + "/api/bookings?customer_phone=+15550005555"))
                .header("Authorization", "Bearer demo-salon-key").retrieve().bodyToMono(JsonNode.class).block(Duration.ofSeconds(10));
        assertThat(listed.path("bookings").findValuesAsString("booking_id")).containsExactly(kim);
        assertThat(literalPlus).isEqualTo(listed);
        assertThat(http.get().uri("/api/bookings").header("Authorization", "Bearer demo-salon-key")
                .exchangeToMono(response -> Mono.just(response.statusCode().value())).block(Duration.ofSeconds(10)))
                .as("no customer_phone").isEqualTo(400);
    }

    /** Places a call from {@code from} in which the caller says {@code utterance}; the call's model requests. */
    private List<RecordedRequest> call(String from, String utterance, int modelRequests) throws Exception {
        return FAKES.callOnce(port, from, StartupSeed.DEMO_NUMBER, utterance, requests -> requests.size() >= modelRequests);
    }

    private List<String> freeTimes(String service) {
        JsonNode slots = JSON.readTree(bookingTools.run("check_availability",
                "{\"service\":\"%s\",\"date\":\"%s\"}".formatted(service, DAY), StartupSeed.DEMO_TENANT_ID)
                .block(Duration.ofSeconds(10))).path("slots");
        return slots.findValuesAsString("start");
    }

    private String book(String service, String start, String name, String phone) {
        JsonNode booked = JSON.readTree(bookingTools.run("create_booking",
                "{\"service\":\"%s\",\"start\":\"%s\",\"customer_name\":\"%s\",\"customer_phone\":\"%s\"}"
                        .formatted(service, start, name, phone), StartupSeed.DEMO_TENANT_ID).block(Duration.ofSeconds(10)));
        assertThat(booked.path("status").asString()).isEqualTo("confirmed");
        return booked.path("booking_id").asString();
    }

    private static JsonNode last(JsonNode messages) {
        return messages.get(messages.size() - 1);
    }

    private static String status(String bookingId) {
        try (Connection db = DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
             var query = db.prepareStatement("select status from appointment where id = ?::uuid")) {
            query.setString(1, bookingId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A model that manages the caller's own bookings as a real one would, knowing only the conversation:
     * a caller's request gets find_my_bookings; a listed haircut the caller asked to cancel gets
     * cancel_booking with the id from that list; anything else is answered in words.
     */
    static final class OwnBookingsAgent implements Function<RecordedRequest, FakeReply> {
        private final AtomicLong ids = new AtomicLong();

        @Override
        public FakeReply apply(RecordedRequest request) {
            return reply(request.json().path("messages")).firstByteAfter(Duration.ofMillis(50)).eventsEvery(Duration.ofMillis(5));
        }

        private FakeReply reply(JsonNode messages) {
            JsonNode last = last(messages);
            if ("user".equals(last.path("role").asString())) {
                return FakeReply.toolCalls("Let me look. ", new ToolCall("call_" + ids.incrementAndGet(), "find_my_bookings", "{}"));
            }
            if (!"tool".equals(last.path("role").asString())) {
                return FakeReply.text("How can I help? ");
            }
            JsonNode result = JSON.readTree(last.path("content").asString());
            if ("find_my_bookings".equals(ChatRequests.toolName(messages, last.path("tool_call_id").asString()))) {
                for (JsonNode booking : result.path("bookings")) {
                    if ("Haircut".equals(booking.path("service").asString()) && asked(messages, "cancel the haircut")) {
                        return FakeReply.toolCalls("", new ToolCall("call_" + ids.incrementAndGet(), "cancel_booking",
                                "{\"booking_id\":\"" + booking.path("booking_id").asString() + "\"}"));
                    }
                }
                return FakeReply.text("You have " + result.path("bookings").size() + " bookings. ");
            }
            return FakeReply.text("Done, your " + result.path("service").asString() + " is " + result.path("status").asString() + ". ");
        }

        private static boolean asked(JsonNode messages, String words) {
            for (JsonNode message : messages) {
                if ("user".equals(message.path("role").asString())
                        && message.path("content").asString().toLowerCase().contains(words)) {
                    return true;
                }
            }
            return false;
        }

    }
}
