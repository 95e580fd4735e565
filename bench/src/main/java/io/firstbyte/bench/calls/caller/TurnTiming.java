package io.firstbyte.bench.calls.caller;

/** One turn as the caller measured it: from its last speech frame sent to the first answer frame received; -1 when no answer came. */
public record TurnTiming(int turn, long ttfbNanos) {

    public boolean answered() {
        return ttfbNanos >= 0;
    }
}
