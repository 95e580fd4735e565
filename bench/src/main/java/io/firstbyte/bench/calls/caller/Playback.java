package io.firstbyte.bench.calls.caller;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The caller's playback buffer, as Twilio keeps one: received audio plays out in real time
 * (8 bytes of mu-law per millisecond), a mark is due when the audio received before it has
 * played, and {@code clear} drops the audio at once and returns every pending mark.
 *
 * <p>Time is continuous (nanoseconds on the caller's clock), so an underrun is exact: audio of
 * the answer in progress that arrives after the buffer ran dry. An answer ends when the caller
 * speaks again ({@link #newAnswer()}) or on {@code clear}. Not thread-safe.
 */
public final class Playback {

    static final long NANOS_PER_BYTE = 125_000;

    private final Deque<PendingMark> marks = new ArrayDeque<>();
    private long playoutEnd = Long.MIN_VALUE;
    private boolean answerHeard;
    private int underruns;
    private long dryNanos;

    /** Queues audio behind what is buffered; returns true when it arrived after the buffer ran dry mid-answer. */
    public boolean append(int bytes, long now) {
        boolean underrun = false;
        if (now > playoutEnd) {
            if (answerHeard) {
                underruns++;
                dryNanos += now - playoutEnd;
                underrun = true;
            }
            playoutEnd = now;
        }
        answerHeard = true;
        playoutEnd += bytes * NANOS_PER_BYTE;
        return underrun;
    }

    public void mark(String name, long now) {
        marks.add(new PendingMark(name, Math.max(now, playoutEnd)));
    }

    /** Removes and returns the marks whose audio has finished playing by {@code now}, in order. */
    public List<String> reachedMarks(long now) {
        List<String> reached = new ArrayList<>();
        while (!marks.isEmpty() && marks.peekFirst().due() <= now) {
            reached.add(marks.removeFirst().name());
        }
        return reached;
    }

    /** Drops the buffered audio and returns every pending mark. */
    public List<String> clear(long now) {
        playoutEnd = Math.min(playoutEnd, now);
        answerHeard = false;
        List<String> flushed = marks.stream().map(PendingMark::name).toList();
        marks.clear();
        return flushed;
    }

    /** The caller spoke: audio from now on belongs to a new answer. */
    public void newAnswer() {
        answerHeard = false;
    }

    public boolean playing(long now) {
        return now < playoutEnd;
    }

    /** When the buffered audio finishes playing (in the past when the buffer is empty). */
    public long playoutEnd() {
        return playoutEnd;
    }

    public int underruns() {
        return underruns;
    }

    public long underrunDryNanos() {
        return dryNanos;
    }

    private record PendingMark(String name, long due) {
    }
}
