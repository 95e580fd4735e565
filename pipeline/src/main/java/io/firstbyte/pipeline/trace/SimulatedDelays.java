package io.firstbyte.pipeline.trace;

/**
 * The delays simulated providers added on purpose to the current turn's critical path, so that
 * the server's own overhead (TTFB minus these) can be measured. One per call, found in the
 * {@link io.firstbyte.pipeline.call.CallContext} under {@link #ATTRIBUTE}; real providers ignore it.
 * Counting is open from turn end to the turn's first outbound frame; model delays stop counting
 * once the first clause went to speech synthesis, because later tokens overlap synthesis.
 *
 * <p>A turn's figure is only trustworthy if it can never exceed the time the caller waited: the
 * caller's wait starts no later than when its last voiced frame reached the server, and ends no
 * earlier than the turn's first outbound frame. {@link #closeTurn(long, long)} therefore counts
 * the end-of-speech wait only where it lies inside the turn's window and never returns more than
 * the window, whatever overlaps or stale reports the sum held.
 */
public final class SimulatedDelays {

    public static final String ATTRIBUTE = "firstbyte.simulatedDelays";
    private static final long UNKNOWN = Long.MIN_VALUE;

    private long pendingSpeechEnd;
    private long pendingSpeechEndAt = UNKNOWN;
    private long speechEnd;
    private long speechEndAt = UNKNOWN;
    private long total;
    private boolean open;
    private boolean firstClauseSent;

    /**
     * The STT's end-of-speech delay for the utterance in progress, a wait of {@code nanos} that
     * ended at {@code endedAtNanos} on the call's clock (the last one reported wins).
     */
    public synchronized void speechEndDelay(long nanos, long endedAtNanos) {
        pendingSpeechEnd = nanos;
        pendingSpeechEndAt = endedAtNanos;
    }

    public synchronized void modelDelay(long nanos) {
        if (open && !firstClauseSent) {
            total += nanos;
        }
    }

    public synchronized void ttsDelay(long nanos) {
        if (open) {
            total += nanos;
        }
    }

    public synchronized void openTurn() {
        total = pendingSpeechEnd;
        speechEnd = pendingSpeechEnd;
        speechEndAt = pendingSpeechEndAt;
        pendingSpeechEnd = 0;
        pendingSpeechEndAt = UNKNOWN;
        open = true;
        firstClauseSent = false;
    }

    public synchronized void firstClauseSent() {
        firstClauseSent = true;
    }

    /** Stops counting and returns the turn's simulated delay in nanoseconds. */
    public synchronized long closeTurn() {
        if (!open) {
            return 0;
        }
        open = false;
        return total;
    }

    /**
     * Stops counting and returns the turn's simulated delay within its window, from
     * {@code windowStart} (the caller's speech end on the call's clock) to {@code windowEnd} (the
     * first outbound frame, or now): the end-of-speech wait counts only where it overlaps the
     * window, and the result is at most the window, from the later of its start and the start of
     * the end-of-speech wait. So the overhead (window minus this) is never negative.
     */
    public synchronized long closeTurn(long windowStart, long windowEnd) {
        if (!open) {
            return 0;
        }
        long counted = closeTurn();
        if (windowEnd < windowStart) {
            return 0;
        }
        long from = windowStart;
        if (speechEndAt != UNKNOWN) {
            long waitStart = speechEndAt - speechEnd;
            long inside = Math.max(0, Math.min(speechEndAt, windowEnd) - Math.max(waitStart, windowStart));
            counted -= speechEnd - inside;
            if (inside > 0) {
                from = Math.max(windowStart, waitStart);
            }
        }
        return Math.clamp(counted, 0, windowEnd - from);
    }
}
