package io.firstbyte.bench.calls.caller;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the caller pauses at each {@code |} inside a line (mid-sentence, "I'd like a haircut and |
 * uh, a beard trim"): a length drawn evenly between {@code shortest} and {@code longest}, in whole
 * 20 ms frames, afresh for every pause of every call.
 */
public record Pauses(Duration shortest, Duration longest) {

    /** 400 to 700 ms: long enough for a fixed end of turn to take it for the end, short enough to be a pause. */
    public static final Pauses DEFAULT = new Pauses(Duration.ofMillis(400), Duration.ofMillis(700));

    private static final long FRAME_MILLIS = 20;

    public Pauses {
        if (shortest.toMillis() < FRAME_MILLIS || longest.compareTo(shortest) < 0) {
            throw new IllegalArgumentException("a pause must last at least 20 ms, and its longest must not be shorter than its shortest");
        }
    }

    /** {@code 550ms} (always that long) or {@code 400ms-700ms} (a range); each bound as {@code durations} reads it. */
    public static Pauses parse(String text, java.util.function.Function<String, Duration> durations) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            Duration fixed = durations.apply(text);
            return new Pauses(fixed, fixed);
        }
        return new Pauses(durations.apply(text.substring(0, dash)), durations.apply(text.substring(dash + 1)));
    }

    /** One pause's length in 20 ms frames. */
    public int frames(RandomGenerator random) {
        long shortestFrames = Math.ceilDiv(shortest.toMillis(), FRAME_MILLIS);
        long longestFrames = Math.max(shortestFrames, longest.toMillis() / FRAME_MILLIS);
        return (int) (shortestFrames == longestFrames ? shortestFrames : random.nextLong(shortestFrames, longestFrames + 1));
    }
}
