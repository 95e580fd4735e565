package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.List;

/**
 * Measures backchannels said while an answer plays: the first gap in the answer's arriving audio
 * after the onset (frames arrive every 20 ms while it plays, so a longer gap is the server pausing),
 * the playback silence it caused, and any clear. A backchannel's window closes when the caller's next
 * line starts or the call ends. Not thread-safe.
 */
final class BackchannelMeter {

    /** Arrivals further apart than this are a pause, not pacing jitter. */
    static final long GAP_NANOS = 60_000_000;
    /** Audio still arriving without a gap this long after the onset: the answer was never paused. */
    static final long UNPAUSED_NANOS = 1_000_000_000;

    private final List<BackchannelResult> results = new ArrayList<>();
    private long onset = -1;
    private long lastArrival = -1;
    private long pause;
    private long silence;
    private boolean resumed;
    private boolean cleared;

    void started(long now) {
        close();
        onset = now;
    }

    /** Answer audio arrived; {@code dryNanos} is how long the caller's playback had run dry before it (0: it had not). */
    void audioReceived(long now, long dryNanos) {
        if (onset >= 0 && !resumed && !cleared && lastArrival >= 0 && now - lastArrival > GAP_NANOS) {
            pause = now - lastArrival;
            silence = dryNanos;
            resumed = true;
        } else if (onset >= 0 && !resumed && !cleared && now - onset > UNPAUSED_NANOS && lastArrival >= onset) {
            resumed = true;
        }
        lastArrival = now;
    }

    void clearReceived() {
        if (onset >= 0) {
            cleared = true;
        }
    }

    /** The backchannel's window is over (the caller's next line, or the end of the call). */
    void close() {
        if (onset >= 0) {
            results.add(new BackchannelResult(pause, silence, resumed, cleared));
        }
        onset = -1;
        pause = 0;
        silence = 0;
        resumed = false;
        cleared = false;
    }

    List<BackchannelResult> results() {
        return List.copyOf(results);
    }
}
