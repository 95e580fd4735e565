package io.firstbyte.bench.calls.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.caller.TurnTiming;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallsReportTest {

    private static final long MS = 1_000_000;
    private static final CallsReport.Run RUN = new CallsReport.Run("ws://localhost:8080/twilio/media", "typical-cloud",
            2, 0, 2, 0, "2026-01-01T00:00:00Z", 10_000);

    @Test
    void overheadIsTheCallersTtfbMinusTheServersSimulatedDelayOfTheSameTurn() {
        TracedCall call = new TracedCall(result("CA1", List.of(new TurnTiming(1, 800 * MS), new TurnTiming(2, 600 * MS))),
                Optional.of(new ServerTrace("CA1", Map.of(1, 795.0, 2, 590.0))));

        CallsReport report = CallsReport.of(RUN, List.of(call), Thresholds.NONE);

        assertThat(report.overheadMs().count()).isEqualTo(2);
        assertThat(report.overheadMs().max()).isEqualTo(10.0);
        assertThat(report.byTurn().get(0).overheadMs().p50()).isEqualTo(5.0);
        assertThat(report.verdict().passed()).isTrue();
    }

    @Test
    void overheadSplitsIntoWhatTheServerMeasuredInItselfAndTheRestAndTheSlowestTurnsAreNamed() {
        TracedCall slow = new TracedCall(result("CA1", List.of(new TurnTiming(1, 800 * MS), new TurnTiming(2, 640 * MS))),
                Optional.of(new ServerTrace("CA1", Map.of(1, 795.0, 2, 590.0), List.of(), Map.of(1, 2.0, 2, 8.0))));
        TracedCall withoutSplit = new TracedCall(result("CA2", List.of(new TurnTiming(1, 700 * MS))),
                Optional.of(new ServerTrace("CA2", Map.of(1, 680.0))));

        CallsReport report = CallsReport.of(RUN, List.of(slow, withoutSplit), Thresholds.NONE);

        assertThat(report.insideServerMs()).isEqualTo(new Summary(2, 2.0, 2.0, 8.0, 8.0, 8.0));
        assertThat(report.outsideServerMs()).isEqualTo(new Summary(2, 3.0, 3.0, 42.0, 42.0, 42.0));
        assertThat(report.slowestTurns()).containsExactly(
                new CallsReport.SlowTurn("CA1", 2, 640.0, 50.0, 8.0),
                new CallsReport.SlowTurn("CA2", 1, 700.0, 20.0, null),
                new CallsReport.SlowTurn("CA1", 1, 800.0, 5.0, 2.0));
        assertThat(ReportTable.render(report)).contains("slow: CA1 turn 2 overhead 50.0 (inside the server 8.0)");
    }

    @Test
    void overheadIsUnavailableWithoutATraceOrWithoutThatTurnInIt() {
        TracedCall untraced = new TracedCall(result("CA1", List.of(new TurnTiming(1, 800 * MS))), Optional.empty());
        TracedCall partly = new TracedCall(result("CA2", List.of(new TurnTiming(1, 700 * MS), new TurnTiming(2, 500 * MS))),
                Optional.of(new ServerTrace("CA2", Map.of(2, 480.0))));

        CallsReport report = CallsReport.of(RUN, List.of(untraced, partly), Thresholds.NONE);

        assertThat(report.ttfbMs().count()).isEqualTo(3);
        assertThat(report.overheadMs()).isEqualTo(new Summary(1, 20.0, 20.0, 20.0, 20.0, 20.0));
        assertThat(report.overheadUnavailable()).isEqualTo(2);
    }

    @Test
    void aThresholdOnAnUnmeasuredValueIsMissed() {
        TracedCall untraced = new TracedCall(result("CA1", List.of(new TurnTiming(1, 800 * MS))), Optional.empty());

        CallsReport report = CallsReport.of(RUN, List.of(untraced), new Thresholds(null, null, 10.0, null, null));

        assertThat(report.verdict().passed()).isFalse();
        assertThat(report.verdict().reasons()).containsExactly("server overhead p99 not measured (limit 10.0 ms)");
    }

    @Test
    void missedThresholdsErrorsAndLeakedAudioFailTheRun() {
        CallResult broken = new CallResult("CA1", false, List.of(new TurnTiming(1, 900 * MS)), 1, List.of(30 * MS), 2,
                3, 45 * MS, Map.of(ErrorKind.UNEXPECTED_CLOSE, 1), List.of("unexpected-close: stream closed during turn 1"));

        CallsReport report = CallsReport.of(RUN, List.of(new TracedCall(broken, Optional.empty())),
                new Thresholds(500.0, null, null, null, 0));

        assertThat(report.underruns()).isEqualTo(new CallsReport.Underruns(3, 1, 45.0));
        assertThat(report.errors().byKind()).containsEntry("unexpected-close", 1);
        assertThat(report.verdict().reasons()).containsExactly("1 errors", "2 audio frames after clear",
                "TTFB p95 900.0 ms > 500.0 ms", "underruns 3 > 0");
    }

    private static CallResult result(String callSid, List<TurnTiming> turns) {
        return new CallResult(callSid, true, turns, 0, List.of(), 0, 0, 0, Map.of(), List.of());
    }
}
