package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures barge-ins: from the first frame of the interrupting speech to the server's
 * {@code clear}, and counts answer audio that still arrives after the clear while the caller is
 * speaking (the interrupted answer leaking). Not thread-safe.
 */
final class BargeInTimer {

    private final List<Long> toClear = new ArrayList<>();
    private long startedAt = -1;
    private boolean answerWasPlaying;
    private boolean cleared;
    private boolean speaking;
    private int attempts;
    private int audioAfterClear;

    void started(long now, boolean answerPlaying) {
        startedAt = now;
        answerWasPlaying = answerPlaying;
        cleared = false;
        speaking = true;
        attempts++;
    }

    void clearReceived(long now) {
        if (startedAt >= 0 && !cleared) {
            toClear.add(now - startedAt);
            cleared = true;
        }
    }

    void audioReceived() {
        if (speaking && cleared) {
            audioAfterClear++;
        }
    }

    void utteranceEnded() {
        speaking = false;
    }

    /** Ends the barge-in window; true when the caller interrupted playing audio and no clear came. */
    boolean closeMissedClear() {
        boolean missed = startedAt >= 0 && !cleared && answerWasPlaying;
        startedAt = -1;
        speaking = false;
        return missed;
    }

    int attempts() {
        return attempts;
    }

    List<Long> toClearNanos() {
        return List.copyOf(toClear);
    }

    int audioAfterClear() {
        return audioAfterClear;
    }
}
