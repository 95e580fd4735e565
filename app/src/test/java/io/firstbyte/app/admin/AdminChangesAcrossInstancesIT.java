package io.firstbyte.app.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.booking.BookingStack;
import io.firstbyte.app.booking.ItDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Two instances sharing PostgreSQL and Redis: the server (A), where an admin changes a business, and a
 * booking engine beside it (B) that had the business's catalog and slots in memory and in the cache.
 * B answers from the change as soon as PostgreSQL announces it, long before its catalog would expire
 * (10 minutes here): new hours, a revoked key, a deactivated business's number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.admin.token=" + AdminChangesAcrossInstancesIT.TOKEN, "firstbyte.booking.catalog-ttl=10m"})
class AdminChangesAcrossInstancesIT {

    private static final Logger log = LoggerFactory.getLogger(AdminChangesAcrossInstancesIT.class);
    static final String TOKEN = "admin-it-token-77aa";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);
    static final String PREFIX = "fbit" + ThreadLocalRandom.current().nextInt(1_000_000);
    /** Far below the catalog's 10 minutes: only an announcement can meet it. */
    static final Duration BOUND = Duration.ofSeconds(5);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ItDatabase DATABASE = ItDatabase.create(CLOCK);
    static BookingStack other;

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
        registry.add("firstbyte.redis.key-prefix", () -> PREFIX);
    }

    @BeforeAll
    static void startOtherInstance() {
        other = new BookingStack(DATABASE.address(), "redis://127.0.0.1:6379", CLOCK, PREFIX);
    }

    @AfterAll
    static void stop() {
        other.close();
        DATABASE.close();
    }

    @LocalServerPort
    int port;

    @Test
    void newHoursARevokedKeyAndADeactivatedNumberReachTheOtherInstanceWithoutWaitingForItsCatalogToExpire() {
        AdminClient admin = new AdminClient(port, TOKEN);
        String number = "+4930" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
        String id = admin.post("/admin/businesses", """
                {"name": "Salon Zwei", "time_zone": "Europe/Berlin", "phone_numbers": ["%s"],
                 "hours": {"tuesday": [{"start": "09:00", "end": "17:00"}]}}""".formatted(number)).path("id").asString();
        admin.post("/admin/businesses/" + id + "/services", "{\"name\": \"Haircut\", \"duration_minutes\": 30}");
        admin.post("/admin/businesses/" + id + "/staff", """
                {"name": "Anna", "services": ["Haircut"], "hours": {"tuesday": [{"start": "09:00", "end": "17:00"}]}}""");
        String key = admin.post("/admin/businesses/" + id + "/api-keys", "{}").path("key").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> other.versions.epoch() >= 0);

        assertThat(startsOnOther(id)).as("B has the business in memory and its slots in the cache").contains("2026-12-08T09:00");
        assertThat(other.tenants.byApiKey(key).blockOptional(Duration.ofSeconds(10))).isPresent();
        assertThat(other.tenants.byDialledNumber(number).blockOptional(Duration.ofSeconds(10))).isPresent();

        long changed = System.nanoTime();
        admin.patch("/admin/businesses/" + id, "{\"hours\": {\"tuesday\": [{\"start\": \"14:00\", \"end\": \"15:00\"}]}}");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(10))
                .until(() -> startsOnOther(id).equals(List.of("2026-12-08T14:00", "2026-12-08T14:30")));
        log.info("the other instance offered the new hours {} ms after the change was answered",
                Duration.ofNanos(System.nanoTime() - changed).toMillis());

        String prefix = key.substring(0, "fbk_".length() + 8);
        admin.send(HttpMethod.DELETE, "/admin/businesses/" + id + "/api-keys/" + prefix, null, 204);
        await().atMost(BOUND).until(() -> other.tenants.byApiKey(key).blockOptional(Duration.ofSeconds(10)).isEmpty());

        admin.send(HttpMethod.DELETE, "/admin/businesses/" + id, null, 204);
        await().atMost(BOUND).until(() -> other.tenants.byDialledNumber(number).blockOptional(Duration.ofSeconds(10)).isEmpty());
        await().atMost(BOUND).until(() -> other.catalogs.catalog(id).blockOptional(Duration.ofSeconds(10)).isEmpty());
    }

    private static List<String> startsOnOther(String tenant) {
        JsonNode answer = JSON.readTree(other.tools.run("check_availability",
                "{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}", tenant).block(Duration.ofSeconds(10)));
        return answer.path("slots").findValuesAsString("start");
    }
}
