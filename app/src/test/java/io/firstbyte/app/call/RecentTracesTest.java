package io.firstbyte.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class RecentTracesTest {

    private static final long MS = 1_000_000L;
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final AtomicLong callClock = new AtomicLong(720 * MS);
    private final RecentTraces traces = new RecentTraces(10, callClock::get, Clock.fixed(NOW, ZoneOffset.UTC));

    private static TurnTrace turn(int number) {
        return new TurnTrace(number, "hi", 0, 250 * MS, 260 * MS, 600 * MS, List.of(), 700 * MS, 720 * MS, 700 * MS, false, "Hello.");
    }

    @Test
    void reportsEachTurnInMillisecondsWithTheServersOverhead() {
        traces.record("CA1", turn(1));
        RecentTraces.TurnReport report = traces.turns("CA1").orElseThrow().getFirst();
        assertThat(report.ttfbMs()).isEqualTo(720.0);
        assertThat(report.simulatedDelayMs()).isEqualTo(700.0);
        assertThat(report.overheadMs()).isEqualTo(20.0);
        assertThat(report.sttFinalMs()).isEqualTo(250.0);
        assertThat(report.turnEndMs()).isEqualTo(260.0);
        assertThat(report.modelFirstTokenMs()).isEqualTo(340.0);
    }

    @Test
    void datesEachTurnByTheCallersSpeechEndOnTheWallClock() {
        callClock.set(1_720 * MS);
        traces.record("CA1", turn(1));
        assertThat(traces.turns("CA1").orElseThrow().getFirst().at()).isEqualTo(NOW.minusMillis(1_720));
    }

    @Test
    void theOverheadIsNeverNegativeWhenTheSimulatedDelaysSayMoreThanTheWait() {
        traces.record("CA1", new TurnTrace(1, "hi", 0, 250 * MS, 260 * MS, 600 * MS, List.of(), 700 * MS, 720 * MS, 900 * MS, false, "Hello."));
        assertThat(traces.turns("CA1").orElseThrow().getFirst().overheadMs()).isZero();
    }

    @Test
    void reportsEachToolCallsStartAfterTheTurnEndItsDurationArgumentsAndResult() {
        TurnTrace withTool = new TurnTrace(1, "hi", 0, 250 * MS, 260 * MS, 600 * MS,
                List.of(new TurnTrace.ToolSpan("check_availability", 700 * MS, 703 * MS, "{\"service\":\"haircut\"}", "{\"slots\":[]}")),
                800 * MS, 820 * MS, 0, false, "Hello.");
        traces.record("CA1", withTool);
        RecentTraces.TurnReport report = traces.turns("CA1").orElseThrow().getFirst();
        assertThat(report.toolCalls()).isEqualTo(1);
        assertThat(report.tools()).containsExactly(new RecentTraces.ToolReport("check_availability", 440.0, 3.0,
                "{\"service\":\"haircut\"}", "{\"slots\":[]}"));
    }

    @Test
    void aCallsTraceSaysWhoItWasForHowItRanAndWhyItEnded() {
        traces.started("CA1", "+1555***1111", "+15550009999", "twilio");
        traces.resolved("CA1", "tenant-1", new RecentTraces.Providers("deepgram", "openai", "cartesia"));
        traces.record("CA1", turn(1));
        assertThat(traces.call("CA1").orElseThrow().endReason()).isNull();
        traces.ended("CA1", "operator");

        RecentTraces.CallTrace call = traces.call("CA1").orElseThrow();
        assertThat(call.caller()).isEqualTo("+1555***1111");
        assertThat(call.dialled()).isEqualTo("+15550009999");
        assertThat(call.gateway()).isEqualTo("twilio");
        assertThat(call.tenant()).isEqualTo("tenant-1");
        assertThat(call.providers()).isEqualTo(new RecentTraces.Providers("deepgram", "openai", "cartesia"));
        assertThat(call.startedAt()).isEqualTo(NOW);
        assertThat(call.endedAt()).isEqualTo(NOW);
        assertThat(call.endReason()).isEqualTo("operator");
        assertThat(call.turns()).hasSize(1);
    }

    @Test
    void watchersAreToldEachStartTurnAndEndAsItHappensAndStopWatchingWhenTheyCancel() {
        StepVerifier.create(traces.changes())
                .then(() -> traces.started("CA1", "+1555***1111", "+15550009999", "twilio"))
                .assertNext(change -> assertThat(change).isInstanceOf(RecentTraces.Change.Started.class))
                .then(() -> traces.record("CA1", turn(1)))
                .assertNext(change -> assertThat(((RecentTraces.Change.Turn) change).turn().turn()).isEqualTo(1))
                .then(() -> traces.ended("CA1", "caller"))
                .assertNext(change -> assertThat(((RecentTraces.Change.Ended) change).endReason()).isEqualTo("caller"))
                .then(() -> assertThat(traces.watchers()).isEqualTo(1))
                .thenCancel()
                .verify();
        assertThat(traces.watchers()).isZero();
    }

    @Test
    void withNobodyWatchingChangesAreDroppedNotKept() {
        traces.started("CA1", "", "", "twilio");
        StepVerifier.create(traces.changes())
                .then(() -> traces.ended("CA1", "caller"))
                .assertNext(change -> assertThat(change).isInstanceOf(RecentTraces.Change.Ended.class))
                .thenCancel()
                .verify();
    }

    @Test
    void forgetsTheOldestCallsBeyondItsCapacity() {
        RecentTraces two = new RecentTraces(2);
        two.record("CA1", turn(1));
        two.record("CA2", turn(1));
        two.record("CA3", turn(1));
        assertThat(two.turns("CA1")).isEmpty();
        assertThat(two.turns("CA3")).isPresent();
    }
}
