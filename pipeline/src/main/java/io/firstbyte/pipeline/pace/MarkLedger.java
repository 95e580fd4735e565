package io.firstbyte.pipeline.pace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which clauses of the current answer the caller actually heard. Each clause is followed by a
 * mark; its echo means the clause played. After a clear, echoes mean "flushed", not "heard", so
 * {@link #interrupt()} closes the answer and later echoes are ignored. Thread-safe.
 */
public final class MarkLedger {

    private final Map<String, String> pending = new LinkedHashMap<>();
    private final StringBuilder heard = new StringBuilder();
    private String answer = "";

    /** Starts a new answer; whatever the previous one had heard is returned and forgotten. */
    public synchronized String startAnswer(String answerId) {
        String previous = takeHeard();
        pending.clear();
        answer = answerId;
        return previous;
    }

    public static String markName(String answerId, int clauseIndex) {
        return answerId + "-c" + clauseIndex;
    }

    /** A clause's mark went out after its audio; its echo will mean the caller heard {@code text}. */
    public synchronized void markSent(String answerId, String markName, String text) {
        if (answerId.equals(answer)) {
            pending.put(markName, text);
        }
    }

    public synchronized void markPlayed(String name) {
        String text = pending.remove(name);
        if (text != null) {
            if (!heard.isEmpty()) {
                heard.append(' ');
            }
            heard.append(text);
        }
    }

    /** Barge-in: the unplayed clauses were never heard. Returns what was heard of this answer. */
    public synchronized String interrupt() {
        pending.clear();
        answer = "";
        return takeHeard();
    }

    /** What the caller has heard of the current answer so far, without closing it. */
    public synchronized String heard() {
        return heard.toString();
    }

    /** Clauses queued for the caller whose mark has not come back yet. */
    public synchronized boolean awaitingPlayback() {
        return !pending.isEmpty();
    }

    private String takeHeard() {
        String text = heard.toString();
        heard.setLength(0);
        return text;
    }
}
