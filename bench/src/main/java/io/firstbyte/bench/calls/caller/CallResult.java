package io.firstbyte.bench.calls.caller;

import java.util.List;
import java.util.Map;

/** Everything one simulated call measured. Times in nanoseconds. */
public record CallResult(String callSid, boolean completed, List<TurnTiming> turns, int bargeIns,
                         List<Long> bargeInToClearNanos, int audioAfterClear, int underruns,
                         long underrunDryNanos, Map<ErrorKind, Integer> errorCounts, List<String> errorDetails,
                         List<Long> heardAfterBargeInNanos, List<BackchannelResult> backchannels,
                         List<PausedLineResult> pausedLines) {

    public CallResult {
        turns = List.copyOf(turns);
        bargeInToClearNanos = List.copyOf(bargeInToClearNanos);
        errorCounts = Map.copyOf(errorCounts);
        errorDetails = List.copyOf(errorDetails);
        heardAfterBargeInNanos = List.copyOf(heardAfterBargeInNanos);
        backchannels = List.copyOf(backchannels);
        pausedLines = List.copyOf(pausedLines);
    }

    /** A call without lines that pause mid-sentence. */
    public CallResult(String callSid, boolean completed, List<TurnTiming> turns, int bargeIns,
                      List<Long> bargeInToClearNanos, int audioAfterClear, int underruns,
                      long underrunDryNanos, Map<ErrorKind, Integer> errorCounts, List<String> errorDetails,
                      List<Long> heardAfterBargeInNanos, List<BackchannelResult> backchannels) {
        this(callSid, completed, turns, bargeIns, bargeInToClearNanos, audioAfterClear, underruns, underrunDryNanos,
                errorCounts, errorDetails, heardAfterBargeInNanos, backchannels, List.of());
    }

    /** A call that measured no backchannels and no agent audio heard after a barge-in. */
    public CallResult(String callSid, boolean completed, List<TurnTiming> turns, int bargeIns,
                      List<Long> bargeInToClearNanos, int audioAfterClear, int underruns,
                      long underrunDryNanos, Map<ErrorKind, Integer> errorCounts, List<String> errorDetails) {
        this(callSid, completed, turns, bargeIns, bargeInToClearNanos, audioAfterClear, underruns, underrunDryNanos,
                errorCounts, errorDetails, List.of(), List.of(), List.of());
    }

    public int errors() {
        return errorCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
