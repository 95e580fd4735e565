package io.firstbyte.bench.calls.caller;

import java.util.List;

/**
 * A caller script with its lines already turned into audio frames, and the background noise of the
 * caller's line, shared by every call of a run.
 */
public record SpokenScript(CallerScript script, List<Utterance> utterances, BackgroundNoise noise) {

    public SpokenScript {
        utterances = List.copyOf(utterances);
    }

    public static SpokenScript of(CallerScript script) {
        return of(script, BackgroundNoise.NONE);
    }

    public static SpokenScript of(CallerScript script, BackgroundNoise noise) {
        return new SpokenScript(script, script.lines().stream().map(Utterance::of).toList(), noise);
    }

    public int turns() {
        return utterances.size();
    }

    /** Utterance of a 1-based turn. */
    public Utterance line(int turn) {
        return utterances.get(turn - 1);
    }

    public boolean bargesInAfter(int turn) {
        return script.bargeInTurn() == turn && turn < turns();
    }
}
