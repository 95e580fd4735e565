package io.firstbyte.app.observability;

import io.firstbyte.app.booking.BookingFailures;
import io.firstbyte.app.booking.OperationMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.JsonNode;

/**
 * {@code firstbyte.booking.operation{operation, outcome}}: the latency of every booking operation,
 * whoever asked (a call's tool, /api, Vapi, Retell). Outcomes: {@code ok}, {@code conflict} (the
 * time was taken; alternatives offered), a failure kind ({@code invalid}, {@code not_found},
 * {@code rate_limited}, {@code unavailable}, {@code key_reused}, {@code key_in_progress}),
 * {@code error}, or {@code cancelled} (the asker went away, such as a barge-in).
 */
public final class BookingMeters implements OperationMeter {

    private final MeterRegistry registry;

    public BookingMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<JsonNode> measure(String operation, Mono<JsonNode> work) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            String[] outcome = {"cancelled"};
            return work
                    .doOnNext(answer -> outcome[0] = "conflict".equals(answer.path("status").asString("")) ? "conflict" : "ok")
                    .doOnError(error -> outcome[0] = error instanceof BookingFailures.Classified classified
                            ? classified.kind().name().toLowerCase(Locale.ROOT) : "error")
                    .doFinally(signal -> {
                        if (signal == SignalType.ON_COMPLETE && outcome[0].equals("cancelled")) {
                            outcome[0] = "ok";
                        }
                        timer(operation, outcome[0]).record(Duration.ofNanos(System.nanoTime() - start));
                    });
        });
    }

    private Timer timer(String operation, String outcome) {
        return Timer.builder("firstbyte.booking.operation").description("Booking operations, by operation and outcome")
                .tags("operation", operation, "outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }
}
