package io.firstbyte.bench.calls.report;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.TurnTiming;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The result of a run, as written to JSON: TTFB and server overhead over all turns and per turn
 * number, playback underruns, barge-in timing, backchannels, turn-taking (early turn ends, turn ends on
 * complete sentences), errors, and the verdict. Milliseconds throughout.
 *
 * <p>The overhead is split where the server's trace allows: {@code insideServerMs} is what the server measured
 * in itself (from the arrival of the caller's last voiced frame to its first answer frame handed to the
 * connection), {@code outsideServerMs} the rest (the connection both ways, and the caller's own scheduling);
 * {@code slowestTurns} names the turns with the largest overhead by call SID, so their traces can be read.
 */
public record CallsReport(Run run, int callsCompleted, Summary ttfbMs, Summary overheadMs, int overheadUnavailable,
                          List<TurnStats> byTurn, Underruns underruns, BargeIns bargeIns, Errors errors,
                          Verdict verdict, BackchannelReport backchannels, TurnTakingReport turnTaking,
                          Summary insideServerMs, Summary outsideServerMs, List<SlowTurn> slowestTurns) {

    /** What was run. */
    public record Run(String url, String profile, int calls, long rampMs, int turnsPerCall, int bargeInTurn,
                      String startedAt, long durationMs) {
    }

    public record TurnStats(int turn, Summary ttfbMs, Summary overheadMs, int overheadUnavailable) {
    }

    public record Underruns(int count, int callsAffected, double totalDryMs) {
    }

    /**
     * Barge-ins: {@code toClearMs} from the first interrupting frame to the clear; {@code heardAfterOnsetMs}
     * from it to the end of the last agent audio the caller heard.
     */
    public record BargeIns(int attempts, Summary toClearMs, int audioAfterClear, Summary heardAfterOnsetMs) {
    }

    /** One turn's overhead, and the part inside the server (null when the trace lacked it). */
    public record SlowTurn(String callSid, int turn, double ttfbMs, double overheadMs, @Nullable Double insideServerMs) {
    }

    public record Errors(int total, Map<String, Integer> byKind, List<String> examples) {
    }

    /** Passed when there were no errors, no audio after a clear, and every threshold was met. */
    public record Verdict(boolean passed, List<String> reasons) {
    }

    private static final int MAX_EXAMPLES = 20;
    private static final int SLOWEST_TURNS = 10;

    public static CallsReport of(Run run, List<TracedCall> calls, Thresholds thresholds) {
        return of(run, calls, thresholds, List.of());
    }

    /** The report, with the turn-taking on the caller script's {@code lines} measured ({@link TurnTakingReport}). */
    public static CallsReport of(Run run, List<TracedCall> calls, Thresholds thresholds, List<String> lines) {
        List<CallResult> results = calls.stream().map(TracedCall::result).toList();
        Samples all = new Samples();
        Map<Integer, Samples> byTurn = new TreeMap<>();
        List<Double> inside = new ArrayList<>();
        List<Double> outside = new ArrayList<>();
        List<SlowTurn> traced = new ArrayList<>();
        for (TracedCall call : calls) {
            for (TurnTiming turn : call.result().turns()) {
                Optional<Double> overhead = call.overheadMillis(turn);
                all.add(turn, overhead);
                byTurn.computeIfAbsent(turn.turn(), n -> new Samples()).add(turn, overhead);
                if (overhead.isPresent()) {
                    Optional<Double> server = call.serverOverheadMillis(turn);
                    server.ifPresent(ms -> {
                        inside.add(ms);
                        outside.add(overhead.get() - ms);
                    });
                    traced.add(new SlowTurn(call.result().callSid(), turn.turn(), Summary.millis(turn.ttfbNanos()),
                            overhead.get(), server.orElse(null)));
                }
            }
        }
        traced.sort(Comparator.comparingDouble(SlowTurn::overheadMs).reversed());
        Underruns underruns = underruns(results);
        BargeIns bargeIns = bargeIns(results);
        Errors errors = errors(results);
        Summary ttfb = Summary.ofMillis(all.ttfb);
        Summary overhead = Summary.ofMillis(all.overhead);
        List<String> reasons = new ArrayList<>();
        if (errors.total() > 0) {
            reasons.add(errors.total() + " errors");
        }
        if (bargeIns.audioAfterClear() > 0) {
            reasons.add(bargeIns.audioAfterClear() + " audio frames after clear");
        }
        reasons.addAll(thresholds.missed(ttfb, overhead, bargeIns.toClearMs(), underruns.count()));
        List<TurnStats> turns = byTurn.entrySet().stream().map(e -> e.getValue().stats(e.getKey())).toList();
        int completed = (int) results.stream().filter(CallResult::completed).count();
        return new CallsReport(run, completed, ttfb, overhead, all.overheadUnavailable, turns, underruns, bargeIns,
                errors, new Verdict(reasons.isEmpty(), reasons), BackchannelReport.of(results),
                TurnTakingReport.of(calls, lines), Summary.ofMillis(inside), Summary.ofMillis(outside),
                List.copyOf(traced.subList(0, Math.min(SLOWEST_TURNS, traced.size()))));
    }

    private static Underruns underruns(List<CallResult> results) {
        int count = results.stream().mapToInt(CallResult::underruns).sum();
        int affected = (int) results.stream().filter(r -> r.underruns() > 0).count();
        long dry = results.stream().mapToLong(CallResult::underrunDryNanos).sum();
        return new Underruns(count, affected, Math.round(Summary.millis(dry) * 10) / 10.0);
    }

    private static BargeIns bargeIns(List<CallResult> results) {
        List<Double> toClear = results.stream()
                .flatMap(r -> r.bargeInToClearNanos().stream())
                .map(Summary::millis)
                .toList();
        List<Double> heard = results.stream()
                .flatMap(r -> r.heardAfterBargeInNanos().stream())
                .map(Summary::millis)
                .toList();
        return new BargeIns(results.stream().mapToInt(CallResult::bargeIns).sum(), Summary.ofMillis(toClear),
                results.stream().mapToInt(CallResult::audioAfterClear).sum(), Summary.ofMillis(heard));
    }

    private static Errors errors(List<CallResult> results) {
        Map<String, Integer> byKind = new TreeMap<>();
        results.forEach(r -> r.errorCounts().forEach((kind, n) ->
                byKind.merge(kind.name().toLowerCase().replace('_', '-'), n, Integer::sum)));
        List<String> examples = results.stream()
                .flatMap(r -> r.errorDetails().stream().map(detail -> r.callSid() + " " + detail))
                .limit(MAX_EXAMPLES)
                .toList();
        return new Errors(byKind.values().stream().mapToInt(Integer::intValue).sum(), byKind, examples);
    }

    /** TTFB and overhead values of a group of turns. */
    private static final class Samples {
        private final List<Double> ttfb = new ArrayList<>();
        private final List<Double> overhead = new ArrayList<>();
        private int overheadUnavailable;

        void add(TurnTiming turn, Optional<Double> overheadMillis) {
            if (!turn.answered()) {
                return;
            }
            ttfb.add(Summary.millis(turn.ttfbNanos()));
            overheadMillis.ifPresentOrElse(overhead::add, () -> overheadUnavailable++);
        }

        TurnStats stats(int turn) {
            return new TurnStats(turn, Summary.ofMillis(ttfb), Summary.ofMillis(overhead), overheadUnavailable);
        }
    }
}
