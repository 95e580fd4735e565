package io.firstbyte.bench.calls.report;

import io.firstbyte.bench.calls.caller.PausedLineResult;
import io.firstbyte.bench.calls.caller.CallerScript;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the server's end of turn held on the callers' lines. Early turn ends: lines with a mid-sentence
 * pause whose answer audio arrived before the caller had finished them. Turn ends on complete
 * sentences (lines without a pause that end in '.', '?' or '!'), from the server's trace: from the
 * caller's end of speech to the server's end of turn ({@code turnEndMs}) and to the speech-to-text's
 * final transcript and end of speech ({@code sttEndOfSpeechMs}), how many ended within
 * {@link #PROMPT_MS}, and how many only after the speech-to-text's end of speech. Milliseconds.
 *
 * <p>The caller only hears an early end when its answer audio comes before the line is finished; a
 * server that ends the turn in the pause but whose answer is stopped when the caller goes on (its
 * barge-in pause) is not heard. So the server's traces are counted too: of its turns that end on a
 * line with pauses ({@code serverTurnsOnPausedLines}, the whole line or a part of it), those whose
 * transcript is only the line's first part or parts ({@code serverEarlyEnds}).
 */
public record TurnTakingReport(int pausedLines, int earlyEnds, double earlyEndPercent, int serverTurnsOnPausedLines,
                               int serverEarlyEnds, Summary turnEndMs, Summary sttEndOfSpeechMs, int withinPromptMs,
                               int afterSttEndOfSpeech) {

    /** The end of a complete sentence should come within this of the caller's end of speech. */
    public static final double PROMPT_MS = 300;
    /** Clock granularity: a turn end this close after the speech-to-text's end of speech came with it. */
    private static final double SAME_MOMENT_MS = 1;

    public static TurnTakingReport of(List<TracedCall> calls, List<String> lines) {
        Set<String> completeSentences = completeSentences(lines);
        Set<String> pausedLines = new HashSet<>();
        Set<String> partial = new HashSet<>();
        for (String line : lines) {
            List<String> parts = CallerScript.segments(line);
            if (parts.size() > 1) {
                pausedLines.add(String.join(" ", parts));
                for (int k = 1; k < parts.size(); k++) {
                    partial.add(String.join(" ", parts.subList(0, k)));
                }
            }
        }
        List<ServerTrace.TurnEnd> serverEnds = calls.stream()
                .flatMap(c -> c.trace().stream())
                .flatMap(t -> t.turnEnds().stream())
                .toList();
        int onPaused = (int) serverEnds.stream().map(end -> end.transcript().strip())
                .filter(text -> pausedLines.contains(text) || partial.contains(text)).count();
        int serverEarly = (int) serverEnds.stream().filter(end -> partial.contains(end.transcript().strip())).count();
        List<PausedLineResult> paused = calls.stream().flatMap(c -> c.result().pausedLines().stream()).toList();
        int early = (int) paused.stream().filter(PausedLineResult::endedEarly).count();
        List<ServerTrace.TurnEnd> complete = serverEnds.stream()
                .filter(end -> end.turnEndMs() >= 0 && completeSentences.contains(end.transcript().strip()))
                .toList();
        return new TurnTakingReport(paused.size(), early,
                paused.isEmpty() ? 0 : Math.round(1000.0 * early / paused.size()) / 10.0, onPaused, serverEarly,
                Summary.ofMillis(complete.stream().map(ServerTrace.TurnEnd::turnEndMs).toList()),
                Summary.ofMillis(complete.stream().map(ServerTrace.TurnEnd::sttFinalMs).filter(ms -> ms >= 0).toList()),
                (int) complete.stream().filter(end -> end.turnEndMs() <= PROMPT_MS).count(),
                (int) complete.stream().filter(end -> end.sttFinalMs() >= 0
                        && end.turnEndMs() > end.sttFinalMs() + SAME_MOMENT_MS).count());
    }

    /** The lines of a script that are complete sentences: no pause, ending in '.', '?' or '!'. */
    public static Set<String> completeSentences(List<String> lines) {
        return Set.copyOf(lines.stream().map(String::strip)
                .filter(line -> !line.contains("|") && line.matches(".*[.?!]$"))
                .toList());
    }
}
