package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkPlayed;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Playback acknowledgements for dialects that have none (FreeSWITCH mod_audio_stream, Asterisk
 * AudioSocket): a mark counts as played once the caller-audio clock has passed the moment the
 * audio sent before it runs out. Outbound audio is paced in real time and the caller's audio
 * arrives in real time, so the inbound stream position is the clock; no wall clock is read.
 * Without these echoes the pipeline would believe the agent is still speaking after every answer.
 *
 * <p>Thread-safe: the sending side reports audio and marks, the receiving side advances the clock.
 * At most {@link #MAX_PENDING} marks wait; beyond that the oldest is forgotten (the pacer keeps a
 * few hundred milliseconds in flight, so this bound is never reached by a well-behaved call).
 */
public final class PlayoutClock {

    static final int MAX_PENDING = 256;

    private record Pending(String name, long dueMillis) {
    }

    private final Deque<Pending> marks = new ArrayDeque<>();
    private long nowMillis;
    private long runsDryAt;

    /** {@code millis} of agent audio were handed to the gateway now. */
    public synchronized void audioSent(long millis) {
        runsDryAt = Math.max(runsDryAt, nowMillis) + millis;
    }

    /** A mark follows the audio sent so far. */
    public synchronized void markSent(String name) {
        if (marks.size() == MAX_PENDING) {
            marks.removeFirst();
        }
        marks.addLast(new Pending(name, Math.max(runsDryAt, nowMillis)));
    }

    /** Barge-in: the queued audio is gone and its marks will never play. */
    public synchronized void cleared() {
        marks.clear();
        runsDryAt = nowMillis;
    }

    /** The caller-audio clock reached {@code millis}; returns the marks that have played by then. */
    public synchronized List<InboundEvent> advanceTo(long millis) {
        nowMillis = Math.max(nowMillis, millis);
        List<InboundEvent> played = new ArrayList<>(0);
        while (!marks.isEmpty() && marks.peekFirst().dueMillis() <= nowMillis) {
            played.add(new MarkPlayed(marks.removeFirst().name()));
        }
        return played;
    }
}
