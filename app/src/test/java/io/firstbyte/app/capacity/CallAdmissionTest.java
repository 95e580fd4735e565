package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The cap and the drain, as every entry point sees them, and what they count. */
class CallAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void theCapHoldsExactlyWhenManyCallsRaceForTheLastPlaces() throws Exception {
        CallAdmission admission = new CallAdmission(10, meters);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Disposable>>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                attempts.add(threads.submit(() -> {
                    go.await();
                    return admission.tryStart();
                }));
            }
            go.countDown();
            long started = 0;
            for (Future<Optional<Disposable>> attempt : attempts) {
                started += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(started).isEqualTo(10);
            assertThat(admission.calls()).isEqualTo(10);
            assertThat(refused("cap")).isEqualTo(190);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPlaceIsFreedOnceWhenItsCallEnds() {
        CallAdmission admission = new CallAdmission(1, meters);
        Disposable place = admission.tryStart().orElseThrow();
        assertThat(admission.refusal()).contains(CallAdmission.Refusal.CAP);

        place.dispose();
        place.dispose();

        assertThat(admission.calls()).isZero();
        assertThat(admission.refusal()).isEmpty();
    }

    @Test
    void whileDrainingEveryNewCallIsRefusedButOneAlreadyConnectedMayStart() {
        CallAdmission admission = new CallAdmission(5, meters);

        assertThat(admission.drain()).isTrue();

        assertThat(admission.refusal()).contains(CallAdmission.Refusal.DRAIN);
        assertThat(admission.tryStart()).as("a connection accepted before the drain").isPresent();
        assertThat(admission.drain()).as("draining once").isFalse();
    }

    @Test
    void theCapIsAGaugeAndBothRefusalsAreCountersFromTheStart() {
        CallAdmission admission = new CallAdmission(42, meters);
        admission.refused(CallAdmission.Refusal.DRAIN);

        assertThat(meters.get("firstbyte.calls.capacity").gauge().value()).isEqualTo(42);
        assertThat(refused("drain")).isEqualTo(1);
        assertThat(refused("cap")).isZero();
    }

    private double refused(String reason) {
        return meters.get("firstbyte.calls.refused").tag("reason", reason).counter().count();
    }
}
