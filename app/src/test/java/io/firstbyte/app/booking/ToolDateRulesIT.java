package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relative dates are the model's job; the tools still refuse a day before the tenant's today or past
 * its horizon, and the model receives a sentence it can say (the tool result as the agent sends it).
 */
class ToolDateRulesIT {

    /** Saturday 19:30 in Berlin; the clock's own zone (already Sunday) must not count. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T18:30:00Z"), ZoneId.of("Pacific/Kiritimati"));
    static final String BERLIN_SALON = StartupSeed.synthetic(1).tenantId().toString();

    static ItDatabase database;
    static BookingStack stack;
    static ToolRegistry tools;
    static CallContext call;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(CLOCK);
        stack = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
        tools = new ToolRegistry(stack.tools.tools(), Duration.ofSeconds(10));
        call = new CallContext("CA-dates", "MZ-dates", "+15550001111", StartupSeed.synthetic(1).phoneNumber(), Map.of(),
                Map.of(TenantInfo.CONTEXT_ATTRIBUTE, BERLIN_SALON));
    }

    @AfterAll
    static void stop() {
        stack.close();
        database.close();
    }

    @Test
    void yesterdayInTheTenantsZoneIsRefusedWithASentenceTheModelCanSay() {
        ToolResult result = tools.run(new ToolCall("c1", "check_availability",
                "{\"service\":\"Haircut\",\"date\":\"2026-12-04\"}"), call).block(Duration.ofSeconds(10));

        assertThat(result.error()).isTrue();
        assertThat(result.content()).isEqualTo("{\"error\":\"that date is in the past; today is 2026-12-05\"}");
    }

    @Test
    void aStartPastTheHorizonIsRefusedWithTheLastBookableDay() {
        ToolResult result = tools.run(new ToolCall("c2", "create_booking",
                "{\"service\":\"Haircut\",\"start\":\"2027-02-04T10:00\",\"customer_name\":\"Sam Taylor\"}"), call)
                .block(Duration.ofSeconds(10));

        assertThat(result.error()).isTrue();
        assertThat(result.content()).isEqualTo("{\"error\":\"bookings are only taken up to 2027-02-03\"}");
    }
}
