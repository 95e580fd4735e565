package io.firstbyte.bench.calls.caller;

import java.time.Duration;

/**
 * How the caller waits: it speaks again once the answer has been quiet for {@code answerQuiet}
 * (buffer played out and no new audio); it barges in {@code bargeInDelay} after the interrupted
 * answer started playing; it waits up to {@code greetingWait} for a greeting, up to
 * {@code answerTimeout} for an answer to start and up to {@code longestAnswer} for one to end.
 */
public record CallerTiming(Duration answerQuiet, Duration bargeInDelay, Duration greetingWait,
                           Duration answerTimeout, Duration longestAnswer) {

    public static final CallerTiming DEFAULTS = new CallerTiming(Duration.ofMillis(700), Duration.ofMillis(400),
            Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60));
}
