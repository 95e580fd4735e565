package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One call's errors: an exact count per kind and the first few details (so a broken server cannot flood the report). */
public final class CallErrors {

    private static final int MAX_DETAILS = 5;

    private final Map<ErrorKind, Integer> counts = new EnumMap<>(ErrorKind.class);
    private final List<String> details = new ArrayList<>();

    public void add(ErrorKind kind, String detail) {
        counts.merge(kind, 1, Integer::sum);
        if (details.size() < MAX_DETAILS) {
            details.add(kind.name().toLowerCase().replace('_', '-') + ": " + detail);
        }
    }

    public Map<ErrorKind, Integer> counts() {
        return Map.copyOf(counts);
    }

    public List<String> details() {
        return List.copyOf(details);
    }
}
