package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Shutdown waits for the booking changes still running, and only for a bounded time. */
class WritesInFlightTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final WritesInFlight writes = new WritesInFlight(time);
    private final AtomicBoolean stopped = new AtomicBoolean();

    @AfterEach
    void dispose() {
        time.dispose();
    }

    @Test
    void shutdownGoesOnOnlyOnceTheChangeInFlightHasFinished() {
        Sinks.One<String> commit = Sinks.one();
        writes.track(commit.asMono()).subscribe();
        assertThat(writes.count()).isOne();

        writes.stop(() -> stopped.set(true));
        time.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(stopped).as("the change is still running").isFalse();
        commit.tryEmitValue("committed");
        time.advanceTimeBy(Duration.ofMillis(50));

        assertThat(stopped).isTrue();
        assertThat(writes.count()).isZero();
    }

    @Test
    void aChangeThatNeverEndsHoldsShutdownNoLongerThanItsLease() {
        writes.track(Sinks.<String>one().asMono()).subscribe();

        writes.stop(() -> stopped.set(true));
        time.advanceTimeBy(WritesInFlight.LONGEST.minusMillis(1));
        assertThat(stopped).isFalse();
        time.advanceTimeBy(Duration.ofMillis(1));

        assertThat(stopped).isTrue();
    }

    @Test
    void aCancelledWaiterDoesNotLeaveTheChangeCounted() {
        writes.track(Sinks.<String>one().asMono()).subscribe().dispose();

        assertThat(writes.count()).isZero();
    }
}
