package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.control.CallLimit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The drain in virtual time: refuse at once, let calls end by themselves, say goodbye at the timeout, hang up the rest. */
class CallDrainTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final LiveCalls live = new LiveCalls();
    private final CallAdmission admission = new CallAdmission(10, new SimpleMeterRegistry());
    private final AtomicInteger readinessDown = new AtomicInteger();
    private final AtomicInteger readinessUp = new AtomicInteger();
    private final List<String> goodbyes = new CopyOnWriteArrayList<>();
    private final CallDrain drain = new CallDrain(admission, live, TIMEOUT,
            accepting -> (accepting ? readinessUp : readinessDown).incrementAndGet(), time);
    private final AtomicBoolean stopped = new AtomicBoolean();

    @AfterEach
    void dispose() {
        time.dispose();
    }

    @Test
    void withNoLiveCallTheDrainIsOverAtOnceAndReadinessWentDown() {
        drain.stop(() -> stopped.set(true));
        time.advanceTime();

        assertThat(stopped).isTrue();
        assertThat(readinessDown).hasValue(1);
        assertThat(admission.refusal()).contains(CallAdmission.Refusal.DRAIN);
    }

    @Test
    void liveCallsRunOnUntilTheyEndByThemselves() {
        call("CA1", true);
        call("CA2", true);

        drain.stop(() -> stopped.set(true));
        time.advanceTimeBy(Duration.ofMinutes(3));
        assertThat(stopped).as("calls still live").isFalse();
        assertThat(admission.refusal()).as("new calls are refused meanwhile").contains(CallAdmission.Refusal.DRAIN);
        live.ended("CA1");
        time.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(stopped).isFalse();
        live.ended("CA2");
        time.advanceTimeBy(CallDrain.POLL);

        assertThat(stopped).isTrue();
        assertThat(goodbyes).as("nobody was cut off").isEmpty();
    }

    @Test
    void atTheTimeoutEachCallHearsTheDrainGoodbyeAndTheDrainEndsWhenTheyHaveEnded() {
        call("CA1", true);

        drain.stop(() -> stopped.set(true));
        time.advanceTimeBy(TIMEOUT.minusSeconds(1));
        assertThat(goodbyes).isEmpty();
        time.advanceTimeBy(Duration.ofSeconds(1));

        assertThat(goodbyes).containsExactly("CA1:" + CallLimit.DRAIN.reason());
        time.advanceTimeBy(CallDrain.POLL);
        assertThat(stopped).as("the call ended after its goodbye").isTrue();
    }

    @Test
    void aCallThatCannotSayItsGoodbyeIsHungUpAfterTheGrace() {
        AtomicBoolean hungUp = call("CA1", false);

        drain.stop(() -> stopped.set(true));
        time.advanceTimeBy(TIMEOUT.plus(CallLimit.GOODBYE_GRACE));
        assertThat(stopped).isFalse();
        time.advanceTimeBy(CallDrain.CLOSE_MARGIN);

        assertThat(hungUp).isTrue();
        assertThat(live.count()).isZero();
        assertThat(stopped).isTrue();
        assertThat(CallDrain.longest(TIMEOUT)).isEqualTo(TIMEOUT.plus(CallLimit.GOODBYE_GRACE).plus(CallDrain.CLOSE_MARGIN));
    }

    @Test
    void startedAgainAfterAStopTheInstanceTakesCallsAndTheAbandonedDrainEndsNoCall() {
        call("CA1", true);
        drain.stop(() -> stopped.set(true));
        time.advanceTimeBy(Duration.ofMinutes(1));
        assertThat(admission.refusal()).contains(CallAdmission.Refusal.DRAIN);

        drain.start();

        assertThat(admission.refusal()).as("new calls are taken again").isEmpty();
        assertThat(readinessUp).hasValue(1);
        time.advanceTimeBy(TIMEOUT.plus(CallLimit.GOODBYE_GRACE).plus(CallDrain.CLOSE_MARGIN));
        assertThat(goodbyes).as("the live call was not ended by the drain that no longer applies").isEmpty();
        assertThat(live.count()).isEqualTo(1);
        assertThat(drain.isRunning()).isTrue();

        drain.stop(() -> stopped.set(true));
        assertThat(admission.refusal()).as("a later stop drains again").contains(CallAdmission.Refusal.DRAIN);
        assertThat(readinessDown).hasValue(2);
    }

    @Test
    void aStartWithoutADrainBeforeLeavesReadinessAlone() {
        drain.start();

        assertThat(readinessUp).hasValue(0);
        assertThat(admission.refusal()).isEmpty();
    }

    /** A live call; asked to end, it says goodbye and ends when {@code endsWhenAsked}, else it stays until hung up. */
    private AtomicBoolean call(String id, boolean endsWhenAsked) {
        AtomicBoolean hungUp = new AtomicBoolean();
        CallContext context = new CallContext(id, "MZ" + id, "+15550001111", "+15550100100", Map.of(), Map.of());
        live.started(context, () -> hungUp.set(true), limit -> {
            goodbyes.add(id + ":" + limit.reason());
            if (endsWhenAsked) {
                live.ended(id);
            }
        });
        return hungUp;
    }
}
