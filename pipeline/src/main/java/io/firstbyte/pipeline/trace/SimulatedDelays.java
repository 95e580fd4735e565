package io.firstbyte.pipeline.trace;

/**
 * The delays simulated providers added on purpose to the current turn's critical path, so that
 * the server's own overhead (TTFB minus these) can be measured. One per call, found in the
 * {@link io.firstbyte.pipeline.call.CallContext} under {@link #ATTRIBUTE}; real providers ignore it.
 * Counting is open from turn end to the turn's first outbound frame; model delays stop counting
 * once the first clause went to speech synthesis, because later tokens overlap synthesis.
 */
public final class SimulatedDelays {

    public static final String ATTRIBUTE = "firstbyte.simulatedDelays";

    private long pendingSpeechEnd;
    private long total;
    private boolean open;
    private boolean firstClauseSent;

    /** The STT's end-of-speech delay for the utterance in progress (the last one reported wins). */
    public synchronized void speechEndDelay(long nanos) {
        pendingSpeechEnd = nanos;
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
        pendingSpeechEnd = 0;
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
}
