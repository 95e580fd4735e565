package io.firstbyte.bench.calls.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.PausedLineResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnTakingReportTest {

    private static final List<String> LINES = List.of("I'd like a haircut and | uh, a beard trim.", "Friday at ten?",
            "My name is", "Thanks!");

    @Test
    void theCompleteSentencesAreTheLinesWithoutAPauseThatEndInPunctuation() {
        assertThat(TurnTakingReport.completeSentences(LINES)).containsExactlyInAnyOrder("Friday at ten?", "Thanks!");
    }

    @Test
    void earlyTurnEndsAreTheShareOfPausedLinesWhoseAnswerCameBeforeTheirEnd() {
        TracedCall first = call("CA1", List.of(new PausedLineResult(1, true), new PausedLineResult(3, false)), List.of());
        TracedCall second = call("CA2", List.of(new PausedLineResult(1, false), new PausedLineResult(3, false)), List.of());

        TurnTakingReport report = TurnTakingReport.of(List.of(first, second), LINES);

        assertThat(report.pausedLines()).isEqualTo(4);
        assertThat(report.earlyEnds()).isEqualTo(1);
        assertThat(report.earlyEndPercent()).isEqualTo(25.0);
    }

    @Test
    void turnEndsAreMeasuredOnCompleteSentencesOnlyAgainstTheSpeechToTextsEndOfSpeech() {
        TracedCall call = call("CA1", List.of(), List.of(
                new ServerTrace.TurnEnd("Friday at ten?", 200.0, 250.0),
                new ServerTrace.TurnEnd("Thanks!", 320.0, 250.0),
                new ServerTrace.TurnEnd("I'd like a haircut and", 1000.0, 250.0),
                new ServerTrace.TurnEnd("Friday at ten?", 250.5, 250.0)));

        TurnTakingReport report = TurnTakingReport.of(List.of(call), LINES);

        assertThat(report.turnEndMs()).isEqualTo(new Summary(3, 200.0, 250.5, 320.0, 320.0, 320.0));
        assertThat(report.sttEndOfSpeechMs().count()).isEqualTo(3);
        assertThat(report.withinPromptMs()).isEqualTo(2);
        assertThat(report.afterSttEndOfSpeech()).as("250.5 ms is the same moment as 250 ms").isEqualTo(1);
        assertThat(report.pausedLines()).isZero();
        assertThat(report.earlyEndPercent()).isZero();
    }

    @Test
    void theServersTurnsThatEndOnTheFirstPartOfALineEndedInItsPause() {
        TracedCall call = call("CA1", List.of(), List.of(
                new ServerTrace.TurnEnd("I'd like a haircut and", 260.0, 250.0),
                new ServerTrace.TurnEnd("uh, a beard trim.", 220.0, 250.0),
                new ServerTrace.TurnEnd("I'd like a haircut and uh, a beard trim.", 210.0, 250.0),
                new ServerTrace.TurnEnd("Friday at ten?", 200.0, 250.0)));

        TurnTakingReport report = TurnTakingReport.of(List.of(call), LINES);

        assertThat(report.serverTurnsOnPausedLines()).isEqualTo(2);
        assertThat(report.serverEarlyEnds()).isEqualTo(1);
    }

    private static TracedCall call(String callSid, List<PausedLineResult> paused, List<ServerTrace.TurnEnd> ends) {
        CallResult result = new CallResult(callSid, true, List.of(), 0, List.of(), 0, 0, 0, Map.of(), List.of(),
                List.of(), List.of(), paused);
        return new TracedCall(result, Optional.of(new ServerTrace(callSid, Map.of(), ends)));
    }
}
