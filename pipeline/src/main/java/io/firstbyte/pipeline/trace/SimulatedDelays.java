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
 *
 * <p>A speculative answer counts from its start instead ({@link #openSpeculation}), before the turn
 * ends, up to its first synthesised audio ({@link #firstAudio}: from there it only waits to be released).
 * If its turn is confirmed, the turn's critical path is whichever came last: the final transcript (the
 * STT's end-of-speech delay, which the held answer waited for), or the pause the speculation waited for
 * plus the answer's own delays; {@link #closeTurn(long, long)} returns that,
 * within the window as above.
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
    private boolean speculative;
    private boolean audioReady;
    private long speculationPause;

    /**
     * The STT's end-of-speech delay for the utterance in progress, a wait of {@code nanos} that
     * ended at {@code endedAtNanos} on the call's clock (the last one reported wins).
     */
    public synchronized void speechEndDelay(long nanos, long endedAtNanos) {
        pendingSpeechEnd = nanos;
        pendingSpeechEndAt = endedAtNanos;
    }

    public synchronized void modelDelay(long nanos) {
        if (counting() && !firstClauseSent) {
            total += nanos;
        }
    }

    public synchronized void ttsDelay(long nanos) {
        if (counting()) {
            total += nanos;
        }
    }

    private boolean counting() {
        return open && !(speculative && audioReady);
    }

    /** The answer's first synthesised audio exists; a speculative answer's own delays end here. */
    public synchronized void firstAudio() {
        audioReady = true;
    }

    public synchronized void openTurn() {
        total = pendingSpeechEnd;
        speechEnd = pendingSpeechEnd;
        speechEndAt = pendingSpeechEndAt;
        pendingSpeechEnd = 0;
        pendingSpeechEndAt = UNKNOWN;
        open = true;
        firstClauseSent = false;
        speculative = false;
        audioReady = false;
    }

    /** A speculative answer starts now, before its turn ends: its delays count from here. */
    public synchronized void openSpeculation() {
        total = 0;
        speechEnd = 0;
        speechEndAt = UNKNOWN;
        speculationPause = 0;
        open = true;
        firstClauseSent = false;
        speculative = true;
        audioReady = false;
    }

    /**
     * The speculative answer's turn was confirmed; {@code pauseNanos} passed from the caller's speech
     * end to the answer's start (the pause the speculation waits for, a configured wait).
     */
    public synchronized void confirmSpeculation(long pauseNanos) {
        speechEnd = pendingSpeechEnd;
        speechEndAt = pendingSpeechEndAt;
        pendingSpeechEnd = 0;
        pendingSpeechEndAt = UNKNOWN;
        speculationPause = pauseNanos;
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
        return speculative ? Math.max(speechEnd, speculationPause + total) : total;
    }

    /**
     * Stops counting and returns the turn's simulated delay within its window, from
     * {@code windowStart} (the caller's speech end on the call's clock) to {@code windowEnd} (the
     * first outbound frame, or now): the end-of-speech wait counts only where it overlaps the
     * window, and the result is at most the window, from the later of its start and the start of
     * the end-of-speech wait. A confirmed speculation's own path (its pause and delays, from the
     * speech end) is at most the window too. So the overhead (window minus this) is never negative.
     */
    public synchronized long closeTurn(long windowStart, long windowEnd) {
        if (!open) {
            return 0;
        }
        open = false;
        if (windowEnd < windowStart) {
            return 0;
        }
        long speechWait = speechEnd;
        long from = windowStart;
        if (speechEndAt != UNKNOWN) {
            long waitStart = speechEndAt - speechEnd;
            speechWait = Math.max(0, Math.min(speechEndAt, windowEnd) - Math.max(waitStart, windowStart));
            if (speechWait > 0) {
                from = Math.max(windowStart, waitStart);
            }
        }
        if (speculative) {
            return Math.max(Math.min(speechWait, windowEnd - from),
                    Math.clamp(speculationPause + total, 0, windowEnd - windowStart));
        }
        return Math.clamp(total - speechEnd + speechWait, 0, windowEnd - from);
    }
}
