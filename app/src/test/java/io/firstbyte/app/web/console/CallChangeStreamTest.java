package io.firstbyte.app.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.RecentTraces;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class CallChangeStreamTest {

    private final RecentTraces traces = new RecentTraces(10);

    private static TurnTrace turn(int number) {
        long ms = 1_000_000L;
        return new TurnTrace(number, "hi", 0, 250 * ms, 260 * ms, 600 * ms, List.of(), 700 * ms, 720 * ms, 0, false, "Hello.");
    }

    @Test
    void namesEachChangeAndKeepsAnIdleStreamOpenWithAHeartbeat() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        CallChangeStream stream = new CallChangeStream(traces, time, Duration.ofSeconds(15), 8, 4);
        StepVerifier.withVirtualTime(stream::events, () -> time, Long.MAX_VALUE)
                .assertNext(first -> assertThat(first.comment()).isNotBlank())
                .then(() -> traces.started("CA1", "", "+15550009999", "twilio"))
                .then(time::advanceTime)
                .assertNext(event -> assertThat(event.event()).isEqualTo("started"))
                .then(() -> traces.record("CA1", turn(1)))
                .then(time::advanceTime)
                .assertNext(event -> assertThat(event.event()).isEqualTo("turn"))
                .then(() -> traces.ended("CA1", "caller"))
                .then(time::advanceTime)
                .assertNext(event -> assertThat(event.event()).isEqualTo("ended"))
                .thenAwait(Duration.ofSeconds(15))
                .assertNext(beat -> assertThat(beat.comment()).isNotBlank())
                .thenCancel()
                .verify();
        assertThat(traces.watchers()).as("a closed stream stops watching").isZero();
    }

    @Test
    void aBrowserThatDoesNotKeepUpLosesTheOldestChangesNotMemory() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        CallChangeStream stream = new CallChangeStream(traces, time, Duration.ofHours(1), 4, 4);
        StepVerifier.create(stream.events(), 1)
                .assertNext(first -> assertThat(first.comment()).isNotBlank())
                .then(() -> {
                    for (int call = 1; call <= 100; call++) {
                        traces.ended("CA" + call, "caller");
                    }
                })
                .then(time::advanceTime)
                .thenRequest(Long.MAX_VALUE)
                .then(time::advanceTime)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(event -> callOf(event) < 100)
                .consumeRecordedWith(kept -> assertThat(kept).as("its buffer of 4, and one change in each hand-off")
                        .hasSizeLessThanOrEqualTo(4 + 3))
                .assertNext(last -> assertThat(callOf(last)).as("the newest change is kept").isEqualTo(100))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertThat(traces.watchers()).isZero();
    }

    private static int callOf(ServerSentEvent<Object> event) {
        return Integer.parseInt(((RecentTraces.Change) event.data()).callSid().substring(2));
    }
}
