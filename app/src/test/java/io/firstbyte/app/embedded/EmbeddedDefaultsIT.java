package io.firstbyte.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.AvailabilityWarmup;
import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.store.QueryCounter;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.ToolCall;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole server with no configuration at all: embedded PostgreSQL and Redis on free ports, the
 * schema migrated and the demo salon seeded before the first request, as the call path's tests use it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultsIT {

    @LocalServerPort
    int port;
    @Autowired
    TenantDirectory tenantDirectory;
    @Autowired
    AvailabilityWarmup availabilityWarmup;
    @Autowired
    BookingTools bookingTools;
    @Autowired
    QueryCounter bookingQueryCounter;

    @Test
    void theDemoSalonAnswersOnItsNumberAndAWarmedCallsFirstLookupNeedsNoAvailabilityQuery() {
        TenantInfo salon = tenantDirectory.byDialledNumber("+1 555 010 0100").block();
        assertThat(salon).isNotNull();
        assertThat(salon.name()).isEqualTo("Firstbyte Demo Salon");
        assertThat(salon.timeZone()).isEqualTo("America/New_York");

        availabilityWarmup.warm(salon.id()).block();
        long before = bookingQueryCounter.get(QueryCounter.Kind.AVAILABILITY);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("America/New_York")).plusDays(1);
        CallContext call = new CallContext("call-1", "stream-1", "+15557654321", "+15550100100", Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, salon.id()));
        var check = bookingTools.tools().stream().filter(t -> t.spec().name().equals("check_availability")).findFirst().orElseThrow();
        String answer = check.execute(new ToolCall("t1", "check_availability",
                "{\"service\":\"haircut\",\"date\":\"" + tomorrow + "\"}"), call).block();

        assertThat(answer).contains("\"time_zone\":\"America/New_York\"").contains("\"slots\"");
        assertThat(bookingQueryCounter.get(QueryCounter.Kind.AVAILABILITY)).as("served from the warmed cache").isEqualTo(before);
    }

    @Test
    void theApiIsServedWithTheDemoKey() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .get().uri("/api/next-available?service=Colour").header("Authorization", "Bearer demo-salon-key")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.time_zone").isEqualTo("America/New_York");
    }
}
