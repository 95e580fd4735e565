package io.firstbyte.app.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.trace.TurnTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentTracesTest {

    private static TurnTrace turn(int number) {
        long ms = 1_000_000L;
        return new TurnTrace(number, "hi", 0, 250 * ms, 260 * ms, 600 * ms, List.of(), 700 * ms, 720 * ms, 700 * ms, false, "Hello.");
    }

    @Test
    void reportsEachTurnInMillisecondsWithTheServersOverhead() {
        RecentTraces traces = new RecentTraces(10);
        traces.record("CA1", turn(1));
        RecentTraces.TurnReport report = traces.turns("CA1").orElseThrow().getFirst();
        assertThat(report.ttfbMs()).isEqualTo(720.0);
        assertThat(report.simulatedDelayMs()).isEqualTo(700.0);
        assertThat(report.overheadMs()).isEqualTo(20.0);
        assertThat(report.sttFinalMs()).isEqualTo(250.0);
    }

    @Test
    void reportsEachToolCallsStartAfterTheTurnEndAndItsDuration() {
        long ms = 1_000_000L;
        TurnTrace withTool = new TurnTrace(1, "hi", 0, 250 * ms, 260 * ms, 600 * ms,
                List.of(new TurnTrace.ToolSpan("check_availability", 700 * ms, 703 * ms, "{}", "{}")), 800 * ms, 820 * ms, 0, false, "Hello.");
        RecentTraces traces = new RecentTraces(10);
        traces.record("CA1", withTool);
        RecentTraces.TurnReport report = traces.turns("CA1").orElseThrow().getFirst();
        assertThat(report.toolCalls()).isEqualTo(1);
        assertThat(report.tools()).containsExactly(new RecentTraces.ToolReport("check_availability", 440.0, 3.0));
    }

    @Test
    void forgetsTheOldestCallsBeyondItsCapacity() {
        RecentTraces traces = new RecentTraces(2);
        traces.record("CA1", turn(1));
        traces.record("CA2", turn(1));
        traces.record("CA3", turn(1));
        assertThat(traces.turns("CA1")).isEmpty();
        assertThat(traces.turns("CA3")).isPresent();
    }
}
