package io.firstbyte.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.BookingFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BookingMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BookingMeters meters = new BookingMeters(registry);
    private final JsonMapper json = JsonMapper.builder().build();

    private long count(String operation, String outcome) {
        var timer = registry.find("firstbyte.booking.operation").tags("operation", operation, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void eachOperationIsTimedByItsOutcome() {
        JsonNode booked = json.readTree("{\"status\":\"confirmed\"}");
        JsonNode taken = json.readTree("{\"status\":\"conflict\",\"alternatives\":[]}");

        StepVerifier.create(meters.measure("create_booking", Mono.just(booked))).expectNextCount(1).verifyComplete();
        StepVerifier.create(meters.measure("create_booking", Mono.just(taken))).expectNextCount(1).verifyComplete();
        StepVerifier.create(meters.measure("check_availability", Mono.error(BookingFailures.invalid("no such service"))))
                .verifyError();
        StepVerifier.create(meters.measure("check_availability", Mono.error(new IllegalStateException("boom")))).verifyError();

        assertThat(count("create_booking", "ok")).isEqualTo(1);
        assertThat(count("create_booking", "conflict")).isEqualTo(1);
        assertThat(count("check_availability", "invalid")).isEqualTo(1);
        assertThat(count("check_availability", "error")).isEqualTo(1);
    }

    @Test
    void anOperationItsAskerGaveUpOnIsCancelled() {
        StepVerifier.create(meters.measure("find_next_available", Mono.never())).thenAwait(Duration.ofMillis(1))
                .thenCancel().verify();

        assertThat(count("find_next_available", "cancelled")).isEqualTo(1);
    }
}
