package io.firstbyte.adapters.tts.elevenlabs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Matches ElevenLabs audio to clauses by characters. Stream-input marks no clause boundaries in
 * its audio, but each chunk's alignment lists the characters it speaks: clause {@code k} spans the
 * characters sent for it, so a chunk belongs to the clause its first character is in, and a
 * clause is complete once the characters spoken reach its end. Text normalisation by the server
 * can shift a boundary by a character or two; the clause a chunk goes to may then be off by one
 * near the boundary, never the order of the audio. Not thread-safe: one per stream, under its lock.
 */
final class ClauseChars {

    private record Span(int clause, int end) {
    }

    private final Deque<Span> open = new ArrayDeque<>();
    private int sent;
    private int spoken;

    void sent(int clause, int characters) {
        sent += characters;
        open.addLast(new Span(clause, sent));
    }

    /** The clause the next chunk starts in, or -1 when nothing is open. */
    int current() {
        Span first = open.peekFirst();
        return first == null ? -1 : first.clause();
    }

    /** Advances by a chunk's characters; returns the clauses this completed, oldest first. */
    List<Integer> spoke(int characters) {
        spoken += characters;
        List<Integer> done = new ArrayList<>(1);
        while (!open.isEmpty() && open.peekFirst().end() <= spoken) {
            done.add(open.removeFirst().clause());
        }
        return done;
    }
}
