package io.firstbyte.app.booking.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.pipeline.tool.ToolException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ToolArgsTest {

    static final Set<String> CREATE = Set.of("service", "start", "customer_name", "customer_phone", "staff", "idempotency_key");

    @Test
    void wellFormedArgumentsAreRead() {
        ToolArgs args = ToolArgs.parse("""
                {"service":"Blow-dry","start":"2026-11-24T10:00","customer_name":"Zoë O'Neil","customer_phone":"+1 (555) 010-0199"}""", CREATE);

        assertThat(args.serviceName()).isEqualTo("Blow-dry");
        assertThat(args.localDateTime("start")).isEqualTo(LocalDateTime.of(2026, 11, 24, 10, 0));
        assertThat(args.customerName()).isEqualTo("Zoë O'Neil");
        assertThat(args.customerPhone()).isEqualTo("+15550100199");
        assertThat(args.staffName()).isNull();
    }

    @Test
    void theCanonicalFormIgnoresPropertyOrderSpacingAndTheIdempotencyKey() {
        ToolArgs one = ToolArgs.parse("""
                {"service":"Haircut","start":"2026-11-24T10:00","customer_name":"Ada","idempotency_key":"k1"}""", CREATE);
        ToolArgs other = ToolArgs.parse("""
                { "customer_name" : "Ada", "start":"2026-11-24T10:00", "service":"Haircut" }""", CREATE);
        ToolArgs later = ToolArgs.parse("""
                {"service":"Haircut","start":"2026-11-24T10:30","customer_name":"Ada"}""", CREATE);

        assertThat(one.canonical()).isEqualTo(other.canonical())
                .isEqualTo("{\"customer_name\":\"Ada\",\"service\":\"Haircut\",\"start\":\"2026-11-24T10:00\"}");
        assertThat(later.canonical()).isNotEqualTo(one.canonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"service\":\"Haircut'; DROP TABLE appointment;--\",\"start\":\"2026-11-24T10:00\",\"customer_name\":\"A\"}",
            "{\"service\":\"Haircut\",\"start\":\"2026-11-24T10:00\",\"customer_name\":\"Robert'); DELETE FROM staff; --\"}",
            "{\"service\":42,\"start\":\"2026-11-24T10:00\",\"customer_name\":\"A\"}",
            "{\"service\":\"Haircut\",\"start\":\"tomorrow at ten\",\"customer_name\":\"A\"}",
            "{\"service\":\"Haircut\",\"start\":\"2026-11-24T10:00-05:00\",\"customer_name\":\"A\"}",
            "{\"service\":\"Haircut\",\"start\":\"2026-02-30T10:00\",\"customer_name\":\"A\"}",
            "{\"service\":\"Haircut\",\"start\":\"2026-11-24T10:00\",\"customer_name\":\"A\",\"tenant_id\":\"x\"}",
            "[\"Haircut\"]",
            "{not json",
    })
    void badArgumentsBecomeAClearToolErrorNeverAnException(String json) {
        assertThatThrownBy(() -> {
            ToolArgs args = ToolArgs.parse(json, CREATE);
            args.serviceName();
            args.localDateTime("start");
            args.customerName();
        }).isInstanceOf(ToolException.class).hasMessageNotContaining("DROP").hasMessageNotContaining("DELETE");
    }

    @Test
    void aRealDateIsRequired() {
        ToolArgs args = ToolArgs.parse("{\"date\":\"2026-13-01\"}", Set.of("date"));

        assertThatThrownBy(() -> args.date("date")).isInstanceOf(ToolException.class).hasMessageContaining("not a real date");
    }

    @Test
    void countMustBeAWholeNumberInRange() {
        assertThat(ToolArgs.parse("{}", Set.of("count")).count("count", 3, 1, 8)).isEqualTo(3);
        assertThatThrownBy(() -> ToolArgs.parse("{\"count\":500}", Set.of("count")).count("count", 3, 1, 8))
                .isInstanceOf(ToolException.class);
        assertThatThrownBy(() -> ToolArgs.parse("{\"count\":\"3\"}", Set.of("count")).count("count", 3, 1, 8))
                .isInstanceOf(ToolException.class);
    }

    @Test
    void aDateAloneIsAcceptedWhereATimeIsOptional() {
        assertThat(ToolArgs.parse("{\"after\":\"2026-11-30\"}", Set.of("after")).optionalLocalDateTime("after"))
                .isEqualTo(LocalDate.of(2026, 11, 30).atStartOfDay());
    }

    @Test
    void aTimeOfDayIsHoursAndMinutesAndOptional() {
        Set<String> time = Set.of("time");

        assertThat(ToolArgs.parse("{\"time\":\"15:30\"}", time).optionalTime("time")).isEqualTo(LocalTime.of(15, 30));
        assertThat(ToolArgs.parse("{\"time\":\"9:00\"}", time).optionalTime("time")).isEqualTo(LocalTime.of(9, 0));
        assertThat(ToolArgs.parse("{}", time).optionalTime("time")).isNull();
        assertThatThrownBy(() -> ToolArgs.parse("{\"time\":\"25:00\"}", time).optionalTime("time"))
                .isInstanceOf(ToolException.class).hasMessageContaining("not a real time");
        assertThatThrownBy(() -> ToolArgs.parse("{\"time\":\"3pm\"}", time).optionalTime("time"))
                .isInstanceOf(ToolException.class).hasMessageContaining("HH:MM");
    }
}
