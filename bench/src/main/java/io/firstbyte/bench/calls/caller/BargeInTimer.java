package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures barge-ins: from the first frame of the interrupting speech to the server's
 * {@code clear}, and counts answer audio that still arrives after the clear while the caller is
 * speaking (the interrupted answer leaking). Not thread-safe.
 *
 * <p>A gateway without a clear (AudioSocket) is cleared by the server ceasing to send: when the
 * interrupting utterance ends, the answer counts as cleared if no audio arrived in its last
 * {@link #STOP_GAP_NANOS}, and the time to clear is when the audio that did arrive finished
 * playing, since the gateway plays everything it was sent. An answer that keeps arriving until the
 * caller stops talking is a missed clear.
 *
 * <p>It also times how long the caller still heard the agent after starting to interrupt: until the
 * end of the agent audio that reached them before the clear (or, without one, at all) while they spoke.
 */
final class BargeInTimer {

    static final long STOP_GAP_NANOS = 100_000_000;

    private final boolean clearsByStopping;
    private final List<Long> toClear = new ArrayList<>();
    private final List<Long> heardAfterOnset = new ArrayList<>();
    private long startedAt = -1;
    private boolean answerWasPlaying;
    private boolean cleared;
    private boolean speaking;
    private int attempts;
    private int audioAfterClear;
    private long lastAudioAt;
    private long heardUntil;

    BargeInTimer(boolean clearsByStopping) {
        this.clearsByStopping = clearsByStopping;
    }

    void started(long now, long playoutEnd) {
        startedAt = now;
        answerWasPlaying = now < playoutEnd;
        cleared = false;
        speaking = true;
        attempts++;
        lastAudioAt = now;
        heardUntil = Math.max(now, playoutEnd);
    }

    void clearReceived(long now) {
        if (startedAt >= 0 && !cleared) {
            toClear.add(now - startedAt);
            cleared = true;
            heardUntil = Math.min(heardUntil, now);
        }
    }

    /** Answer audio arrived while the caller speaks; {@code playoutEnd} is when it will have played. */
    void audioReceived(long now, long playoutEnd) {
        if (!speaking) {
            return;
        }
        if (cleared) {
            audioAfterClear++;
        } else if (startedAt >= 0) {
            lastAudioAt = now;
            heardUntil = playoutEnd;
        }
    }

    /** The caller stopped talking; true when that is when the server's ceasing to send counted as the clear. */
    boolean utteranceEnded(long now) {
        if (speaking && startedAt >= 0) {
            heardAfterOnset.add(Math.max(0, heardUntil - startedAt));
        }
        boolean clearedByStopping = false;
        if (clearsByStopping && speaking && startedAt >= 0 && !cleared && now - lastAudioAt >= STOP_GAP_NANOS) {
            toClear.add(heardUntil - startedAt);
            cleared = true;
            clearedByStopping = true;
        }
        speaking = false;
        return clearedByStopping;
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

    /** Per barge-in: from the caller's first interrupting frame to the end of the last agent audio they heard. */
    List<Long> heardAfterOnsetNanos() {
        return List.copyOf(heardAfterOnset);
    }

    int audioAfterClear() {
        return audioAfterClear;
    }
}
