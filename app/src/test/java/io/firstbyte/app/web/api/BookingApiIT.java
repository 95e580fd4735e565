package io.firstbyte.app.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.app.web.tools.RetellSignature;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server on a private database of the machine's PostgreSQL and its Redis: the /api
 * routes, the Vapi and Retell webhooks, and tenant isolation across every one of them. Tenant A is
 * the demo salon (New York), tenant B synthetic salon 1 (Berlin); both have staff called Anna.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookingApiIT {

    static final String KEY_A = "demo-salon-key";
    static final String KEY_B = "synthetic-key-1";
    static final String NUMBER_A = StartupSeed.DEMO_NUMBER;
    static final String NUMBER_B = StartupSeed.synthetic(1).phoneNumber();
    static final String VAPI_SECRET = "vapi-test-secret";
    static final String RETELL_KEY = "retell-test-key";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A Tuesday at least two days ahead, when both salons are open. */
    static final LocalDate DAY = LocalDate.now(ZoneId.of("America/New_York")).plusDays(2)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
    static final ItDatabase DATABASE = ItDatabase.create(Clock.systemUTC());

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("firstbyte.database.url", DATABASE::url);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
        registry.add("firstbyte.booking.synthetic-tenants", () -> "1");
        registry.add("firstbyte.booking.vapi-secret", () -> VAPI_SECRET);
        registry.add("firstbyte.booking.retell-api-key", () -> RETELL_KEY);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    BookingTools bookingTools;
    @Autowired
    TenantDirectory tenantDirectory;
    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void toolsAreListedAsOpenAiFunctionSchemas() {
        JsonNode tools = get("/api/tools", null, 200);

        assertThat(tools.size()).isEqualTo(7);
        assertThat(tools.findValuesAsString("name")).contains("check_availability", "create_booking", "cancel_booking",
                "find_my_bookings");
        assertThat(tools.get(0).path("type").asString()).isEqualTo("function");
        assertThat(tools.get(0).path("function").path("parameters").path("type").asString()).isEqualTo("object");
    }

    @Test
    void aRequestWithoutAKnownApiKeyIsRefused() {
        get("/api/availability?service=Haircut&date=" + DAY, null, 401);
        get("/api/availability?service=Haircut&date=" + DAY, "not-a-key", 401);
    }

    @Test
    void badRequestsGetAClearMessageNeverAStackTrace() {
        assertThat(get("/api/availability?service=Haircut&date=yesterday", KEY_A, 400).path("error").asString())
                .contains("YYYY-MM-DD");
        assertThat(get("/api/availability?service=Haircut&date=2020-01-07", KEY_A, 400).path("error").asString())
                .contains("past");
        assertThat(get("/api/availability?service=Massage&date=" + DAY, KEY_A, 400).path("error").asString())
                .contains("Haircut");
        assertThat(get("/api/availability?service=x'%20OR%201=1--&date=" + DAY, KEY_A, 400).path("error").asString())
                .doesNotContain("OR 1=1").doesNotContain("Exception");
        assertThat(get("/api/availability?service=Haircut&date=" + DAY + "&date_to=" + DAY.plusDays(90), KEY_A, 400)
                .path("error").asString()).contains("14 days");
        assertThat(post("/api/bookings", KEY_A, "{\"service\":", 400).path("error").asString()).contains("JSON");
    }

    @Test
    void aSecondBookingOfTheSameSlotIsA409WithAlternatives() {
        String body = booking("Haircut", DAY + "T16:00", "Carla", "Nora Ephron");
        post("/api/bookings", KEY_A, body, 201);

        JsonNode conflict = post("/api/bookings", KEY_A, body, 409);

        assertThat(conflict.path("status").asString()).isEqualTo("conflict");
        assertThat(conflict.path("alternatives").size()).isPositive();
    }

    @Test
    void noEndpointLetsOneTenantSeeOrChangeAnotherTenantsBooking() {
        JsonNode booked = post("/api/bookings", KEY_A, booking("Haircut", DAY + "T11:00", "Anna", "Ada Lovelace"), 201);
        String id = booked.path("booking_id").asString();

        get("/api/bookings/" + id, KEY_B, 404);
        delete("/api/bookings/" + id, KEY_B, 404);
        post("/api/bookings/" + id + "/reschedule", KEY_B, "{\"start\":\"" + DAY + "T14:00\"}", 404);
        JsonNode stillThere = get("/api/bookings/" + id, KEY_A, 200);
        assertThat(stillThere.path("status").asString()).isEqualTo("confirmed");
        assertThat(stillThere.path("start").asString()).isEqualTo(DAY + "T11:00");

        JsonNode availabilityB = get("/api/availability?service=Haircut&staff=Anna&date=" + DAY, KEY_B, 200);
        assertThat(availabilityB.path("time_zone").asString()).isEqualTo("Europe/Berlin");
        JsonNode alternativesB = get("/api/alternatives?service=Haircut&around=" + DAY + "T11:00&staff=Anna&count=3", KEY_B, 200);
        assertThat(alternativesB.path("slots").findValuesAsString("start")).contains(DAY + "T11:00");
        assertThat(get("/api/next-available?service=Haircut", KEY_B, 200).path("time_zone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void anotherTenantsServiceOrStaffIdsAreUnknownHere() {
        JsonNode tools = get("/api/availability?service=Haircut&date=" + DAY, KEY_A, 200);
        assertThat(tools.path("slots").size()).isPositive();
        String serviceOfB = io.firstbyte.app.embedded.SalonSeed.id(StartupSeed.synthetic(1), "service", "Haircut").toString();
        String staffOfB = io.firstbyte.app.embedded.SalonSeed.id(StartupSeed.synthetic(1), "staff", "Anna").toString();

        get("/api/availability?service=" + serviceOfB + "&date=" + DAY, KEY_A, 400);
        post("/api/bookings", KEY_A, booking("Haircut", DAY + "T12:00", staffOfB, "Mallory"), 400);
        post("/api/bookings", KEY_A, booking(serviceOfB, DAY + "T12:00", "Anna", "Mallory"), 400);
    }

    @Test
    void aToolRunningInOneTenantsCallCannotCancelAnotherTenantsBooking() {
        JsonNode booked = post("/api/bookings", KEY_A, booking("Blow-dry", DAY + "T09:00", "Carla", "Grace Hopper"), 201);
        String tenantB = tenantDirectory.byDialledNumber(NUMBER_B).map(TenantInfo::id).block();
        CallContext callOfB = new CallContext("call-1", "stream-1", "+15557654321", NUMBER_B, Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, tenantB));
        var cancel = bookingTools.tools().stream().filter(t -> t.spec().name().equals("cancel_booking")).findFirst().orElseThrow();

        assertThatThrownBy(() -> cancel.execute(new ToolCall("t1", "cancel_booking",
                "{\"booking_id\":\"" + booked.path("booking_id").asString() + "\"}"), callOfB).block())
                .isInstanceOf(ToolException.class).hasMessageContaining("no confirmed booking");
        assertThatThrownBy(() -> cancel.execute(new ToolCall("t2", "cancel_booking",
                "{\"booking_id\":\"" + booked.path("booking_id").asString() + "\",\"tenant_id\":\"" + StartupSeed.DEMO_TENANT_ID + "\"}"),
                callOfB).block()).isInstanceOf(ToolException.class).hasMessageContaining("unexpected argument");
        assertThat(get("/api/bookings/" + booked.path("booking_id").asString(), KEY_A, 200).path("status").asString())
                .isEqualTo("confirmed");
    }

    @Test
    void aCallWithoutATenantGetsAToolErrorNotAnotherTenantsData() {
        CallContext anonymous = new CallContext("call-2", "stream-2", "+15557654321", "+15559999999", Map.of(), Map.of());
        var check = bookingTools.tools().getFirst();

        assertThatThrownBy(() -> check.execute(new ToolCall("t1", check.spec().name(),
                "{\"service\":\"Haircut\",\"date\":\"" + DAY + "\"}"), anonymous).block())
                .isInstanceOf(ToolException.class).hasMessageContaining("no business");
    }

    @Test
    void vapiToolCallsUseTheDialledNumbersTenantAndAnswerEachCallInOrder() {
        JsonNode bookedB = post("/api/bookings", KEY_B, booking("Haircut", DAY + "T16:30", "Ben", "Bob Builder"), 201);
        String body = """
                {"message":{"type":"tool-calls","call":{"id":"c1","phoneNumber":{"number":"%s"},"customer":{"number":"+15557654321"}},
                 "toolCallList":[
                  {"id":"call_1","type":"function","function":{"name":"check_availability","arguments":{"service":"Colour","date":"%s"}}},
                  {"id":"call_2","name":"cancel_booking","arguments":"{\\"booking_id\\":\\"%s\\"}"}]}}"""
                .formatted(NUMBER_A, DAY, bookedB.path("booking_id").asString());

        http.post().uri("/tools/vapi").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        JsonNode answer = JSON.readTree(http.post().uri("/tools/vapi").header("X-Vapi-Secret", VAPI_SECRET)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        JsonNode results = answer.path("results");
        assertThat(results.get(0).path("toolCallId").asString()).isEqualTo("call_1");
        assertThat(JSON.readTree(results.get(0).path("result").asString()).path("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(results.get(1).path("toolCallId").asString()).isEqualTo("call_2");
        assertThat(results.get(1).path("error").asString()).contains("no confirmed booking");
        assertThat(get("/api/bookings/" + bookedB.path("booking_id").asString(), KEY_B, 200).path("status").asString())
                .isEqualTo("confirmed");
    }

    @Test
    void retellRequestsMustBeSignedAndUseTheDialledNumbersTenant() {
        String body = """
                {"name":"check_availability","call":{"call_id":"r1","from_number":"+15557654321","to_number":"%s"},
                 "args":{"service":"Haircut","date":"%s"}}""".formatted(NUMBER_B, DAY);
        RetellSignature signer = new RetellSignature(RETELL_KEY, Clock.systemUTC());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        http.post().uri("/tools/retell").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        JsonNode answer = JSON.readTree(http.post().uri("/tools/retell")
                .header("X-Retell-Signature", signer.header(bytes, System.currentTimeMillis()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(bytes).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(answer.path("time_zone").asString()).isEqualTo("Europe/Berlin");

        byte[] argsOnly = ("{\"service\":\"Haircut\",\"date\":\"" + DAY + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonNode argsAnswer = JSON.readTree(http.post().uri("/tools/retell/check_availability?to=" + NUMBER_A)
                .header("X-Retell-Signature", signer.header(argsOnly, System.currentTimeMillis()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(argsOnly).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(argsAnswer.path("time_zone").asString()).isEqualTo("America/New_York");
    }

    @Test
    void aStartOffTheSlotGridIsRefusedNamingTheGrid() {
        JsonNode refused = post("/api/bookings", KEY_A, booking("Haircut", DAY + "T10:10", "Carla", "Off Grid"), 400);

        assertThat(refused.path("error").asString()).contains("every 30 minutes").contains("10:00").contains("10:30");
        JsonNode booked = post("/api/bookings", KEY_A, booking("Haircut", DAY + "T10:30", "Carla", "On Grid"), 201);
        assertThat(post("/api/bookings/" + booked.path("booking_id").asString() + "/reschedule", KEY_A,
                "{\"start\":\"" + DAY + "T11:45\"}", 400).path("error").asString()).contains("every 30 minutes");
    }

    @Test
    void aCallChangesOnlyTheBookingsOfItsOwnCallerAndBooksUnderTheCallersNumber() {
        String tenantA = StartupSeed.DEMO_TENANT_ID;
        CallContext caller = new CallContext("call-own-1", "stream-1", "+15550003333", NUMBER_A, Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, tenantA));
        CallContext stranger = new CallContext("call-other-1", "stream-2", "+15550004444", NUMBER_A, Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, tenantA));
        JsonNode booked = JSON.readTree(tool("create_booking").execute(new ToolCall("t1", "create_booking",
                "{\"service\":\"Haircut\",\"start\":\"" + DAY + "T17:00\",\"staff\":\"Carla\",\"customer_name\":\"Own Caller\"}"),
                caller).block());
        String id = booked.path("booking_id").asString();
        JsonNode viaApi = post("/api/bookings", KEY_A, booking("Haircut", DAY + "T17:00", "Ben", "Api Customer"), 201);
        String unknown = java.util.UUID.randomUUID().toString();

        for (String other : List.of(id, viaApi.path("booking_id").asString(), unknown)) {
            assertThatThrownBy(() -> tool("cancel_booking").execute(new ToolCall("t2", "cancel_booking",
                    "{\"booking_id\":\"" + other + "\"}"), stranger).block())
                    .isInstanceOf(ToolException.class).hasMessage("there is no confirmed booking with that id");
            assertThatThrownBy(() -> tool("reschedule_booking").execute(new ToolCall("t3", "reschedule_booking",
                    "{\"booking_id\":\"" + other + "\",\"start\":\"" + DAY + "T15:00\"}"), stranger).block())
                    .isInstanceOf(ToolException.class).hasMessage("there is no confirmed booking with that id");
        }
        JsonNode moved = JSON.readTree(tool("reschedule_booking").execute(new ToolCall("t4", "reschedule_booking",
                "{\"booking_id\":\"" + id + "\",\"start\":\"" + DAY + "T16:30\"}"), caller).block());
        JsonNode cancelled = JSON.readTree(tool("cancel_booking").execute(new ToolCall("t5", "cancel_booking",
                "{\"booking_id\":\"" + id + "\"}"), caller).block());

        assertThat(moved.path("status").asString()).isEqualTo("rescheduled");
        assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
        assertThat(get("/api/bookings/" + viaApi.path("booking_id").asString(), KEY_A, 200).path("status").asString())
                .isEqualTo("confirmed");
    }

    @Test
    void aVapiRequestWithMoreToolCallsThanTheCapIsRefusedAndRunsNone() {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            calls.append(i == 0 ? "" : ",").append("""
                    {"id":"cap_%d","type":"function","function":{"name":"create_booking",
                     "arguments":{"service":"Haircut","start":"%sT09:00","customer_name":"Cap Tester"}}}""".formatted(i, DAY));
        }
        String body = """
                {"message":{"type":"tool-calls","call":{"id":"c-cap","phoneNumber":{"number":"%s"}},"toolCallList":[%s]}}"""
                .formatted(NUMBER_A, calls);

        String refused = http.post().uri("/tools/vapi").header("X-Vapi-Secret", VAPI_SECRET)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(413).expectBody(String.class).returnResult().getResponseBody();

        assertThat(JSON.readTree(refused).path("error").asString()).contains("32");
        assertThat(rows("Cap Tester")).isZero();
    }

    static long rows(String customer) {
        try (var connection = java.sql.DriverManager.getConnection(DATABASE.address().jdbcUrl(), DATABASE.address().user(),
                DATABASE.address().password());
             var query = connection.prepareStatement("select count(*) from appointment where customer_name = ?")) {
            query.setString(1, customer);
            try (var result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Tool tool(String name) {
        return bookingTools.tools().stream().filter(t -> t.spec().name().equals(name)).findFirst().orElseThrow();
    }

    static String booking(String service, String start, String staff, String name) {
        return """
                {"service":"%s","start":"%s","staff":"%s","customer_name":"%s","customer_phone":"+15550001111"}"""
                .formatted(service, start, staff, name);
    }

    JsonNode get(String uri, String key, int status) {
        var spec = http.get().uri(uri);
        if (key != null) {
            spec = spec.header("Authorization", "Bearer " + key);
        }
        return read(spec.exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody());
    }

    JsonNode post(String uri, String key, String body, int status) {
        return read(http.post().uri(uri).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody());
    }

    JsonNode delete(String uri, String key, int status) {
        return read(http.delete().uri(uri).header("X-Api-Key", key).exchange().expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    static JsonNode read(String body) {
        return body == null ? JSON.createObjectNode() : JSON.readTree(body);
    }
}
