package io.firstbyte.bench.calls.caller;

/**
 * One line with a mid-sentence pause, as the caller said it: {@code endedEarly} when the agent's answer
 * audio arrived after the line's first pause began but before the line was finished (the server took
 * the pause for the end of the turn). A line the caller said while interrupting is not counted.
 */
public record PausedLineResult(int turn, boolean endedEarly) {
}
