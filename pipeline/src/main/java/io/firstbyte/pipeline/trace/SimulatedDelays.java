package io.firstbyte.pipeline.trace;

/**
 * The delays simulated providers added on purpose to the current turn's critical path, so that
 * the server's own overhead (TTFB minus these) can be measured. One per call, found in the
 * {@link io.firstbyte.pipeline.call.CallContext} under {@link #ATTRIBUTE}; real providers ignore it.
 * Counting is open from turn end to the turn's first outbound frame; model delays stop counting
 * once the first clause went to speech synthesis, because later tokens overlap synthesis.
 *
 * <p>A speculative answer counts from its start instead ({@link #openSpeculation}), before the turn
 * ends, up to its first synthesised audio ({@link #firstAudio}: from there it only waits to be released).
 * If its turn is confirmed, the turn's critical path is whichever came last: the final transcript (the
 * STT's end-of-speech delay, which the held answer waited for), or the pause the speculation waited for
 * plus the answer's own delays; {@link #closeTurn} returns that.
 */
public final class SimulatedDelays {

    public static final String ATTRIBUTE = "firstbyte.simulatedDelays";

    private long pendingSpeechEnd;
    private long total;
    private boolean open;
    private boolean firstClauseSent;
    private boolean speculative;
    private boolean audioReady;
    private long speechEndOfSpeculation;
    private long speculationPause;

    /** The STT's end-of-speech delay for the utterance in progress (the last one reported wins). */
    public synchronized void speechEndDelay(long nanos) {
        pendingSpeechEnd = nanos;
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
        pendingSpeechEnd = 0;
        open = true;
        firstClauseSent = false;
        speculative = false;
        audioReady = false;
    }

    /** A speculative answer starts now, before its turn ends: its delays count from here. */
    public synchronized void openSpeculation() {
        total = 0;
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
        speechEndOfSpeculation = pendingSpeechEnd;
        pendingSpeechEnd = 0;
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
        return speculative ? Math.max(speechEndOfSpeculation, speculationPause + total) : total;
    }
}
