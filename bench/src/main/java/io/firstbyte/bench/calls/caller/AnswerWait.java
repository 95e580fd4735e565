package io.firstbyte.bench.calls.caller;

/**
 * Decides, while the caller listens to an answer (turn 0: the greeting), when it speaks again:
 * once the answer has been quiet long enough, {@code bargeInDelay} after the answer started
 * playing when this is the turn it interrupts, or when waiting took too long.
 */
final class AnswerWait {

    enum Verdict { KEEP_LISTENING, SPEAK, BARGE_IN, NO_ANSWER, ANSWER_TOO_LONG }

    private final int turn;
    private final long since;
    private final boolean bargeIn;
    private final CallerTiming timing;
    private long firstAudio = -1;
    private long lastAudio = -1;

    AnswerWait(int turn, long since, boolean bargeIn, CallerTiming timing) {
        this.turn = turn;
        this.since = since;
        this.bargeIn = bargeIn;
        this.timing = timing;
    }

    int turn() {
        return turn;
    }

    /** When the answer's first audio arrived, or -1 before any. */
    long firstAudio() {
        return firstAudio;
    }

    void audioArrived(long now) {
        if (firstAudio < 0) {
            firstAudio = now;
        }
        lastAudio = now;
    }

    Verdict verdict(long now, long playoutEnd) {
        if (firstAudio < 0) {
            return silentVerdict(now - since);
        }
        if (bargeIn && now - firstAudio >= timing.bargeInDelay().toNanos()) {
            return Verdict.BARGE_IN;
        }
        if (now - Math.max(lastAudio, playoutEnd) >= timing.answerQuiet().toNanos()) {
            return Verdict.SPEAK;
        }
        return now - since >= timing.longestAnswer().toNanos() ? Verdict.ANSWER_TOO_LONG : Verdict.KEEP_LISTENING;
    }

    private Verdict silentVerdict(long waited) {
        if (turn == 0) {
            return waited >= timing.greetingWait().toNanos() ? Verdict.SPEAK : Verdict.KEEP_LISTENING;
        }
        return waited >= timing.answerTimeout().toNanos() ? Verdict.NO_ANSWER : Verdict.KEEP_LISTENING;
    }
}
