package io.firstbyte.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.tenant.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API over HTTP on a production server (ADMIN_TOKEN set, its own database): who may call it,
 * what it refuses and why, numbers that answer for one business only, API keys shown once that work on
 * /api until revoked, hours, closures, staff and services that shape availability the moment they
 * change, and a day's bookings with who made them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.admin.token=" + AdminApiIT.TOKEN, "firstbyte.booking.seed-demo=false",
        "firstbyte.booking.credentials-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="})
class AdminApiIT {

    static final String TOKEN = "admin-it-token-5f2c";
    /** Tuesday 1 December 2026, 09:00 in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);

    @TestConfiguration
    static class FixedTime {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add("firstbyte.database.url", DATABASE::url);
        registry.add("firstbyte.redis.url", () -> "redis://127.0.0.1:6379");
        registry.add("firstbyte.redis.key-prefix", () -> "fbit" + ThreadLocalRandom.current().nextInt(1_000_000));
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory directory;
    AdminClient admin;

    @BeforeEach
    void client() {
        admin = new AdminClient(port, TOKEN);
    }

    static String number() {
        return "+4930" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    static String business(String name, String number) {
        return """
                {"name": "%s", "time_zone": "Europe/Berlin", "language": "de", "currency": "EUR",
                 "phone_numbers": ["%s"], "hours": {"tuesday": [{"start": "09:00", "end": "17:00"}]},
                 "closures": [{"from": "2026-12-15", "reason": "Staff training"}],
                 "slot_minutes": 30, "min_notice_minutes": 60, "horizon_days": 90,
                 "greeting": "%s, guten Tag!", "agent_instructions": "Mention the parking behind the shop.",
                 "transfer_number": "+4930999888", "webhook_url": "https://hooks.example.com/salon",
                 "webhook_secret": "whsec-0123456789abcdef"}""".formatted(name, number, name);
    }

    @Test
    void withoutTheAdminTokenNothingUnderAdminAnswers() {
        assertThat(admin.exchange(HttpMethod.GET, "/admin/businesses", null, null, 401).body().path("error").asString())
                .contains("ADMIN_TOKEN");
        admin.exchange(HttpMethod.GET, "/admin/businesses", "Bearer not-the-token", null, 401);
        admin.exchange(HttpMethod.POST, "/admin/businesses", "Bearer not-the-token", business("Intruder", number()), 401);
        assertThat(admin.get("/admin/businesses").path("businesses").findValuesAsString("name")).doesNotContain("Intruder");
    }

    @Test
    void aBusinessIsCreatedReadReplacedAndDeactivatedRepeatably() {
        String number = number();
        AdminClient.Answer created = admin.exchange(HttpMethod.POST, "/admin/businesses", "Bearer " + TOKEN,
                business("Salon Nord", " +49 30 " + number.substring(5)), 201);
        String id = created.body().path("id").asString();

        assertThat(created.location()).isEqualTo("/admin/businesses/" + id);
        assertThat(created.body().path("phone_numbers").toString()).isEqualTo("[\"" + number + "\"]");
        assertThat(created.body().path("hours").toString()).isEqualTo("{\"tuesday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]}");
        assertThat(created.body().path("closures").toString())
                .isEqualTo("[{\"from\":\"2026-12-15\",\"to\":\"2026-12-15\",\"reason\":\"Staff training\"}]");
        assertThat(created.body().path("webhook_secret_set").asBoolean()).isTrue();
        assertThat(created.body().toString()).doesNotContain("whsec-0123456789abcdef");
        assertThat(admin.get(created.location())).isEqualTo(created.body());

        String renamed = business("Salon Nordlicht", number).replace("\"slot_minutes\": 30", "\"slot_minutes\": 15");
        JsonNode once = withoutRevision(admin.put(created.location(), renamed));
        JsonNode twice = withoutRevision(admin.put(created.location(), renamed));
        assertThat(twice).isEqualTo(once);
        assertThat(once.path("name").asString()).isEqualTo("Salon Nordlicht");
        assertThat(once.path("slot_minutes").asInt()).isEqualTo(15);
        JsonNode patched = admin.patch(created.location(), "{\"greeting\": null, \"webhook_secret\": null}");
        assertThat(patched.path("greeting").isNull()).isTrue();
        assertThat(patched.path("webhook_secret_set").asBoolean()).isFalse();
        assertThat(patched.path("name").asString()).isEqualTo("Salon Nordlicht");

        admin.send(HttpMethod.DELETE, created.location(), null, 204);
        admin.send(HttpMethod.DELETE, created.location(), null, 204);
        assertThat(admin.get(created.location()).path("active").asBoolean()).isFalse();
        assertThat(directory.byDialledNumber(number).blockOptional(Duration.ofSeconds(10))).as("its number answers nothing")
                .isEmpty();
    }

    @Test
    void badInputIsA400NamingEveryProblemAndAnUnknownIdA404() {
        String problems = admin.send(HttpMethod.POST, "/admin/businesses", """
                {"name": "", "time_zone": "Mars/Olympus", "phone_numbers": ["12"], "slot_minutes": 1,
                 "hours": {"funday": [], "monday": [{"start": "18:00", "end": "09:00"}]}, "colour": "red"}""", 400)
                .path("error").asString();

        assertThat(problems).contains("unknown field colour", "name must be 1 to 200 characters", "time_zone must be an IANA",
                "phone_numbers must be E.164", "slot_minutes must be a whole number from 5 to 240", "unknown field hours.funday",
                "hours.monday: 18:00-09:00 must end after it starts");
        assertThat(admin.send(HttpMethod.POST, "/admin/businesses", "{\"name\":", 400).path("error").asString()).contains("JSON");
        assertThat(admin.send(HttpMethod.POST, "/admin/businesses", "{\"name\": \"X\", \"time_zone\": \"Europe/Berlin\", "
                + "\"webhook_url\": \"ftp://x\"}", 400).path("error").asString()).contains("webhook_url");
        admin.send(HttpMethod.GET, "/admin/businesses/" + UUID.randomUUID(), null, 404);
        admin.send(HttpMethod.GET, "/admin/businesses/not-an-id", null, 404);
        admin.send(HttpMethod.PUT, "/admin/businesses/" + UUID.randomUUID(), business("Ghost", number()), 404);
        admin.send(HttpMethod.POST, "/admin/businesses/" + UUID.randomUUID() + "/services",
                "{\"name\": \"Haircut\", \"duration_minutes\": 30}", 404);
    }

    @Test
    void aNumberAnswersForOneBusinessOnly() {
        String number = number();
        String first = admin.post("/admin/businesses", business("First", number)).path("id").asString();
        String second = admin.post("/admin/businesses", business("Second", number())).path("id").asString();

        assertThat(admin.send(HttpMethod.POST, "/admin/businesses", business("Third", number), 409).path("error").asString())
                .isEqualTo(number + " already answers for another business");
        admin.send(HttpMethod.PATCH, "/admin/businesses/" + second, "{\"phone_numbers\": [\"" + number + "\"]}", 409);
        assertThat(admin.get("/admin/businesses/" + first).path("phone_numbers").toString()).contains(number);
        assertThat(directory.byDialledNumber(number).block(Duration.ofSeconds(10)).id()).isEqualTo(first);
        assertThat(admin.get("/admin/businesses").path("businesses").findValuesAsString("name")).doesNotContain("Third");
    }

    @Test
    void anApiKeyIsShownOnceWorksOnTheApiAndStopsWorkingWhenRevokedOrTheBusinessIsDeactivated() {
        String id = admin.post("/admin/businesses", business("Keyed", number())).path("id").asString();
        JsonNode created = admin.post("/admin/businesses/" + id + "/api-keys", "{\"label\": \"front desk\"}");
        String key = created.path("key").asString();
        String prefix = created.path("prefix").asString();

        assertThat(key).startsWith(prefix + "_").matches("fbk_[0-9a-f]{8}_[A-Za-z0-9_-]{32}");
        JsonNode listed = admin.get("/admin/businesses/" + id + "/api-keys").path("api_keys");
        assertThat(listed.findValuesAsString("prefix")).containsExactly(prefix);
        assertThat(listed.toString()).doesNotContain(key).contains("front desk");
        String unknownBooking = "/api/bookings/" + UUID.randomUUID();
        admin.api(HttpMethod.GET, unknownBooking, key, null, 404);
        admin.api(HttpMethod.GET, unknownBooking, key + "x", null, 401);

        admin.send(HttpMethod.DELETE, "/admin/businesses/" + id + "/api-keys/" + prefix, null, 204);
        admin.api(HttpMethod.GET, unknownBooking, key, null, 401);
        assertThat(admin.get("/admin/businesses/" + id + "/api-keys").path("api_keys").get(0).path("revoked_at").isNull())
                .isFalse();

        String another = admin.post("/admin/businesses/" + id + "/api-keys", "{}").path("key").asString();
        admin.api(HttpMethod.GET, unknownBooking, another, null, 404);
        admin.send(HttpMethod.DELETE, "/admin/businesses/" + id, null, 204);
        admin.api(HttpMethod.GET, unknownBooking, another, null, 401);
    }

    @Test
    void hoursClosuresStaffAndServicesShapeAvailabilityFromTheMomentTheyChange() {
        String id = admin.post("/admin/businesses", business("Shaped", number())).path("id").asString();
        String base = "/admin/businesses/" + id;
        String haircut = admin.post(base + "/services", """
                {"name": "Haircut", "duration_minutes": 30, "price_cents": 3500}""").path("id").asString();
        JsonNode anna = admin.post(base + "/staff", """
                {"name": "Anna", "services": ["haircut"], "hours": {"tuesday": [{"start": "08:00", "end": "18:00"}]},
                 "breaks": {"tuesday": [{"start": "12:00", "end": "13:00"}]}}""");
        String key = admin.post(base + "/api-keys", "{}").path("key").asString();
        String tuesday = "/api/availability?service=Haircut&date=2026-12-08";

        assertThat(anna.path("services").findValuesAsString("id")).containsExactly(haircut);
        assertThat(starts(admin.api(HttpMethod.GET, tuesday, key, null, 200)))
                .as("Anna's 08:00-18:00 inside the business's 09:00-17:00, minus her lunch")
                .allMatch(start -> start.compareTo("2026-12-08T09:00") >= 0 && start.compareTo("2026-12-08T16:30") <= 0)
                .noneMatch(start -> start.startsWith("2026-12-08T12:")).contains("2026-12-08T09:00");

        admin.patch(base, "{\"hours\": {\"tuesday\": [{\"start\": \"14:00\", \"end\": \"15:00\"}]}}");
        assertThat(starts(admin.api(HttpMethod.GET, tuesday, key, null, 200)))
                .containsExactly("2026-12-08T14:00", "2026-12-08T14:30");
        assertThat(starts(admin.api(HttpMethod.GET, "/api/availability?service=Haircut&date=2026-12-15", key, null, 200)))
                .as("the closure").isEmpty();

        admin.put(base + "/staff/" + anna.path("id").asString(), """
                {"name": "Anna", "services": ["Haircut"], "hours": {"tuesday": [{"start": "08:00", "end": "18:00"}]},
                 "time_off": [{"from": "2026-12-08", "to": "2026-12-09", "reason": "holiday"}]}""");
        assertThat(starts(admin.api(HttpMethod.GET, tuesday, key, null, 200))).as("Anna's time off").isEmpty();
        assertThat(admin.get(base + "/staff/" + anna.path("id").asString()).path("time_off").toString())
                .isEqualTo("[{\"from\":\"2026-12-08\",\"to\":\"2026-12-09\",\"reason\":\"holiday\"}]");

        admin.send(HttpMethod.DELETE, base + "/services/" + haircut, null, 204);
        assertThat(admin.api(HttpMethod.GET, tuesday, key, null, 400).path("error").asString()).contains("service");
        assertThat(admin.send(HttpMethod.POST, base + "/services", "{\"name\": \"HAIRCUT\", \"duration_minutes\": 20}", 409)
                .path("error").asString()).contains("already has a service named");
    }

    @Test
    void aDaysOrAWeeksBookingsAreListedPerBusinessAndPerStaffMemberWithTheCallersNameAndNumber() {
        String id = admin.post("/admin/businesses", business("Busy", number())).path("id").asString();
        String base = "/admin/businesses/" + id;
        admin.post(base + "/services", "{\"name\": \"Haircut\", \"duration_minutes\": 30}");
        for (String name : List.of("Anna", "Ben")) {
            admin.post(base + "/staff", """
                    {"name": "%s", "services": ["Haircut"], "hours": {"tuesday": [{"start": "09:00", "end": "17:00"}]}}"""
                    .formatted(name));
        }
        String key = admin.post(base + "/api-keys", "{}").path("key").asString();
        book(key, "2026-12-08T10:00", "Anna", "Maria Lopez", "+4915112345678");
        book(key, "2026-12-08T09:30", "Ben", "James Carter", "+4915187654321");
        book(key, "2026-12-22T10:00", "Anna", "Next Week", "+4915100000000");

        JsonNode day = admin.get(base + "/bookings?date=2026-12-08");
        assertThat(day.path("bookings").findValuesAsString("customer_name")).containsExactly("James Carter", "Maria Lopez");
        assertThat(day.path("bookings").get(1).path("customer_phone").asString()).isEqualTo("+4915112345678");
        assertThat(day.path("bookings").get(1).path("start").asString()).isEqualTo("2026-12-08T10:00");
        assertThat(day.path("bookings").get(1).path("staff").path("name").asString()).isEqualTo("Anna");
        assertThat(admin.get(base + "/bookings?date=2026-12-08&days=7&staff=anna").path("bookings")
                .findValuesAsString("customer_name")).containsExactly("Maria Lopez");
        assertThat(admin.get(base + "/bookings?date=2026-12-08&days=7").path("bookings").size()).isEqualTo(2);
        assertThat(admin.get(base + "/bookings?date=2026-12-16&days=7").path("bookings")
                .findValuesAsString("customer_name")).containsExactly("Next Week");
        assertThat(admin.send(HttpMethod.GET, base + "/bookings?date=2026-12-08&days=8", null, 400).path("error").asString())
                .contains("days");
        admin.send(HttpMethod.GET, base + "/bookings?staff=Zed", null, 404);
    }

    private void book(String key, String start, String staff, String name, String phone) {
        admin.api(HttpMethod.POST, "/api/bookings", key, """
                {"service": "Haircut", "start": "%s", "staff": "%s", "customer_name": "%s", "customer_phone": "%s"}"""
                .formatted(start, staff, name, phone), 201);
    }

    private static List<String> starts(JsonNode answer) {
        return answer.path("slots").findValuesAsString("start");
    }

    private static JsonNode withoutRevision(JsonNode business) {
        ObjectNode copy = (ObjectNode) business.deepCopy();
        copy.remove("revision");
        return copy;
    }
}
