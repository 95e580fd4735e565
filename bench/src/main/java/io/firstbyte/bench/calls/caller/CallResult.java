package io.firstbyte.bench.calls.caller;

import java.util.List;
import java.util.Map;

/** Everything one simulated call measured. Times in nanoseconds. */
public record CallResult(String callSid, boolean completed, List<TurnTiming> turns, int bargeIns,
                         List<Long> bargeInToClearNanos, int audioAfterClear, int underruns,
                         long underrunDryNanos, Map<ErrorKind, Integer> errorCounts, List<String> errorDetails) {

    public CallResult {
        turns = List.copyOf(turns);
        bargeInToClearNanos = List.copyOf(bargeInToClearNanos);
        errorCounts = Map.copyOf(errorCounts);
        errorDetails = List.copyOf(errorDetails);
    }

    public int errors() {
        return errorCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
