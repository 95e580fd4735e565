package io.firstbyte.bench.calls.report;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The report as a short plain-text table for the terminal. */
public final class ReportTable {

    private static final int SLOWEST_SHOWN = 3;
    private static final String ROW = "%-26s %6s %9s %9s %9s %9s %9s%n";

    private ReportTable() {
    }

    public static String render(CallsReport report) {
        CallsReport.Run run = report.run();
        StringBuilder out = new StringBuilder();
        out.append(format("%d calls to %s, profile %s, ramp %d ms: %d completed in %.1f s%n%n", run.calls(),
                run.url(), run.profile(), run.rampMs(), report.callsCompleted(), run.durationMs() / 1000.0));
        out.append(format(ROW, "(ms)", "count", "min", "p50", "p95", "p99", "max"));
        row(out, "TTFB", report.ttfbMs());
        report.byTurn().forEach(turn -> row(out, "  turn " + turn.turn(), turn.ttfbMs()));
        row(out, "server overhead", report.overheadMs());
        report.byTurn().forEach(turn -> row(out, "  turn " + turn.turn(), turn.overheadMs()));
        if (report.insideServerMs().count() > 0) {
            row(out, "  inside the server", report.insideServerMs());
            row(out, "  outside it", report.outsideServerMs());
        }
        if (report.overheadUnavailable() > 0) {
            out.append(format("  (overhead unavailable for %d answered turns: no server trace)%n",
                    report.overheadUnavailable()));
        }
        report.slowestTurns().stream().limit(SLOWEST_SHOWN).forEach(slow -> out.append(format(
                "  slow: %s turn %d overhead %.1f (inside the server %s)%n", slow.callSid(), slow.turn(), slow.overheadMs(),
                cell(slow.insideServerMs()))));
        row(out, "barge-in to clear", report.bargeIns().toClearMs());
        row(out, "agent heard after onset", report.bargeIns().heardAfterOnsetMs());
        BackchannelReport backchannels = report.backchannels();
        if (backchannels.said() > 0) {
            row(out, "backchannel pause", backchannels.pauseMs());
            row(out, "backchannel silence heard", backchannels.silenceHeardMs());
        }
        TurnTakingReport turnTaking = report.turnTaking();
        if (turnTaking.turnEndMs().count() > 0) {
            row(out, "turn end (complete)", turnTaking.turnEndMs());
            row(out, "  STT end of speech", turnTaking.sttEndOfSpeechMs());
        }
        out.append('\n');
        if (turnTaking.pausedLines() > 0) {
            out.append(format("lines with mid-sentence pauses %d: %d answered before they were finished (%.1f %%);"
                            + " the server ended %d of its %d turns on them in a pause%n",
                    turnTaking.pausedLines(), turnTaking.earlyEnds(), turnTaking.earlyEndPercent(),
                    turnTaking.serverEarlyEnds(), turnTaking.serverTurnsOnPausedLines()));
        }
        if (turnTaking.turnEndMs().count() > 0) {
            out.append(format("complete sentences %d: %d ended within %.0f ms of the end of speech, %d after the STT's end of speech%n",
                    turnTaking.turnEndMs().count(), turnTaking.withinPromptMs(), TurnTakingReport.PROMPT_MS,
                    turnTaking.afterSttEndOfSpeech()));
        }
        if (backchannels.said() > 0) {
            out.append(format("backchannels %d: %.1f %% left the answer playing, %d cut it (%d cleared, %d never resumed)%n",
                    backchannels.said(), backchannels.leftPlayingPercent(), backchannels.cut(), backchannels.cleared(),
                    backchannels.notResumed()));
        }
        CallsReport.Underruns underruns = report.underruns();
        out.append(format("underruns %d (%d calls, %.1f ms dry)   barge-ins %d   audio after clear %d   errors %d%n",
                underruns.count(), underruns.callsAffected(), underruns.totalDryMs(), report.bargeIns().attempts(),
                report.bargeIns().audioAfterClear(), report.errors().total()));
        report.errors().byKind().forEach((kind, n) -> out.append(format("  %s: %d%n", kind, n)));
        report.errors().examples().stream().limit(5).forEach(example -> out.append("  e.g. ").append(example).append('\n'));
        CallsReport.Verdict verdict = report.verdict();
        out.append(verdict.passed() ? "PASS" : "FAIL: " + String.join("; ", verdict.reasons())).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Summary summary) {
        out.append(format(ROW, name, summary.count(), cell(summary.min()), cell(summary.p50()), cell(summary.p95()), cell(summary.p99()),
                cell(summary.max())));
    }

    private static String cell(@Nullable Double millis) {
        return millis == null ? "-" : format("%.1f", millis);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
