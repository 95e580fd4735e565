package io.firstbyte.bench.calls.caller;

/**
 * One backchannel as the caller lived it: the gap in the agent's arriving audio after its onset (the
 * server's pause), the silence it left in the caller's playback, whether the answer went on afterwards,
 * and whether the server cleared it. Nanoseconds.
 */
public record BackchannelResult(long pauseNanos, long silenceHeardNanos, boolean resumed, boolean cleared) {

    /** The backchannel cut the agent: its answer was cleared or never went on. */
    public boolean cut() {
        return cleared || !resumed;
    }
}
