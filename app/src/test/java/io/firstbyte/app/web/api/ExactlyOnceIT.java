package io.firstbyte.app.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.app.web.tools.RetellSignature;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retries of every entry point with a side effect, against the whole server on a private database:
 * a repeated request (same Idempotency-Key, Vapi toolCallId, Retell call + function + arguments, or
 * call + model tool-call id) gets the first answer and never a second booking, also when the
 * repeats arrive at the same time. Set {@code -Dfirstbyte.it.same-key-requests=50} to change how many
 * concurrent requests share one key; the distribution of answers is printed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExactlyOnceIT {

    static final String KEY = "demo-salon-key";
    static final String NUMBER = StartupSeed.DEMO_NUMBER;
    static final String VAPI_SECRET = "vapi-test-secret";
    static final String RETELL_KEY = "retell-test-key";
    static final int SAME_KEY_REQUESTS = Integer.getInteger("firstbyte.it.same-key-requests", 20);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A Tuesday at least two days ahead, when the demo salon is open. */
    static final LocalDate DAY = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
        registry.add("firstbyte.booking.vapi-secret", () -> VAPI_SECRET);
        registry.add("firstbyte.booking.retell-api-key", () -> RETELL_KEY);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    record Answer(int status, JsonNode body) {
    }

    @LocalServerPort
    int port;
    @Autowired
    BookingTools bookingTools;
    WebClient http;

    @BeforeEach
    void client() {
        http = WebClient.create("http://127.0.0.1:" + port);
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyAllGetTheSame201AndMakeOneBooking() {
        String body = booking("Haircut", DAY + "T11:00", "Carla", "Concurrent Retry");

        List<Answer> answers = Flux.range(0, SAME_KEY_REQUESTS)
                .flatMap(i -> post("/api/bookings", body, Map.of("Idempotency-Key", "order-4711")), SAME_KEY_REQUESTS)
                .collectList().block(Duration.ofSeconds(60));

        Map<Integer, Long> statuses = answers.stream()
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        System.out.println("idempotent retries: " + SAME_KEY_REQUESTS + " concurrent requests with one key -> statuses "
                + statuses + ", appointment rows " + rows("Concurrent Retry"));
        assertThat(statuses).containsExactly(Map.entry(201, (long) SAME_KEY_REQUESTS));
        assertThat(answers.stream().map(a -> a.body().path("booking_id").asString()).distinct()).hasSize(1);
        assertThat(rows("Concurrent Retry")).isEqualTo(1);
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherBookingIs422NamingTheKey() {
        Answer first = post("/api/bookings", booking("Haircut", DAY + "T17:00", "Carla", "Key Reuser"),
                Map.of("Idempotency-Key", "reused-key-1")).block();
        Answer other = post("/api/bookings", booking("Haircut", DAY + "T17:30", "Carla", "Key Reuser"),
                Map.of("Idempotency-Key", "reused-key-1")).block();

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().path("error").asString()).contains("reused-key-1");
        assertThat(other.body().toString()).doesNotContain(first.body().path("booking_id").asString());
        assertThat(rows("Key Reuser")).isEqualTo(1);
    }

    @Test
    void aKeyWhoseFirstAttemptFailedCanBeUsedAgain() {
        Answer failed = post("/api/bookings", booking("Massage", DAY + "T09:00", "Carla", "Second Chance"),
                Map.of("Idempotency-Key", "after-failure")).block();
        Answer booked = post("/api/bookings", booking("Haircut", DAY + "T09:00", "Carla", "Second Chance"),
                Map.of("Idempotency-Key", "after-failure")).block();

        assertThat(failed.status()).isEqualTo(400);
        assertThat(booked.status()).isEqualTo(201);
    }

    @Test
    void aVapiRetryWithTheSameToolCallIdGetsTheFirstAnswerNotThatTheTimeIsTaken() {
        String body = """
                {"message":{"type":"tool-calls","call":{"id":"vapi-call-1","phoneNumber":{"number":"%s"},
                 "customer":{"number":"+15557654321"}},
                 "toolCallList":[{"id":"call_retry_1","type":"function","function":{"name":"create_booking",
                  "arguments":{"service":"Haircut","start":"%sT11:00","staff":"Ben","customer_name":"Vapi Retry"}}}]}}"""
                .formatted(NUMBER, DAY);

        JsonNode first = vapiResult(post("/tools/vapi", body, Map.of("X-Vapi-Secret", VAPI_SECRET)).block());
        JsonNode retry = vapiResult(post("/tools/vapi", body, Map.of("X-Vapi-Secret", VAPI_SECRET)).block());

        assertThat(first.path("status").asString()).isEqualTo("confirmed");
        assertThat(retry).isEqualTo(first);
        assertThat(rows("Vapi Retry")).isEqualTo(1);
    }

    @Test
    void aRetellRetryOfTheSameCallFunctionAndArgumentsBooksOnce() {
        String body = """
                {"name":"create_booking","call":{"call_id":"retell-call-1","from_number":"+15557654321","to_number":"%s"},
                 "args":{"service":"Haircut","start":"%sT16:00","customer_name":"Retell Retry"}}""".formatted(NUMBER, DAY);
        RetellSignature signer = new RetellSignature(RETELL_KEY, Clock.systemUTC());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        Answer first = post("/tools/retell", body,
                Map.of("X-Retell-Signature", signer.header(bytes, System.currentTimeMillis()))).block();
        Answer retry = post("/tools/retell", body,
                Map.of("X-Retell-Signature", signer.header(bytes, System.currentTimeMillis() + 1))).block();

        assertThat(first.body().path("status").asString()).isEqualTo("confirmed");
        assertThat(retry.body().path("booking_id").asString()).isEqualTo(first.body().path("booking_id").asString());
        assertThat(rows("Retell Retry")).isEqualTo(1);
    }

    @Test
    void aToolCallRunTwiceInOneCallBooksOnce() {
        String tenant = StartupSeed.DEMO_TENANT_ID;
        CallContext call = new CallContext("call-retry-1", "stream-1", "+15550002222", NUMBER, Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, tenant));
        Tool create = bookingTools.tools().stream().filter(t -> t.spec().name().equals("create_booking")).findFirst().orElseThrow();
        ToolCall toolCall = new ToolCall("call_7", "create_booking", """
                {"service":"Haircut","start":"%sT16:30","staff":"Ben","customer_name":"Call Retry"}""".formatted(DAY));

        JsonNode first = JSON.readTree(create.execute(toolCall, call).block());
        JsonNode again = JSON.readTree(create.execute(toolCall, call).block());

        assertThat(first.path("status").asString()).isEqualTo("confirmed");
        assertThat(again).isEqualTo(first);
        assertThat(rows("Call Retry")).isEqualTo(1);
    }

    static String booking(String service, String start, String staff, String name) {
        return """
                {"service":"%s","start":"%s","staff":"%s","customer_name":"%s"}""".formatted(service, start, staff, name);
    }

    Mono<Answer> post(String uri, String body, Map<String, String> headers) {
        return http.post().uri(uri).header("Authorization", "Bearer " + KEY)
                .headers(h -> headers.forEach(h::add))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("{}")
                        .map(text -> new Answer(response.statusCode().value(), JSON.readTree(text))));
    }

    static JsonNode vapiResult(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        JsonNode result = answer.body().path("results").get(0);
        assertThat(result.path("error").isMissingNode()).as("error: %s", result.path("error")).isTrue();
        return JSON.readTree(result.path("result").asString());
    }

    static long rows(String customer) {
        try (Connection connection = DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
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
