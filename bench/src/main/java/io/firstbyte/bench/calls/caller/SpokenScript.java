package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A caller script with its lines already turned into audio frames, and the background noise of the
 * caller's line, shared by every call of a run. A line with mid-sentence pauses is its parts' audio
 * with {@link Pauses} of silence between them; {@link #forCall} draws those pauses afresh for one
 * call, sharing the parts' frames. {@code firstPauseFrames} gives, per line, the index of its first
 * pause's first frame (-1 for a line without a pause).
 */
public record SpokenScript(CallerScript script, List<List<Utterance>> parts, Pauses pauses, BackgroundNoise noise,
                           List<Utterance> utterances, List<Integer> firstPauseFrames) {

    private static final long SHARED_SEED = 13;

    public SpokenScript {
        parts = parts.stream().map(List::copyOf).toList();
        utterances = List.copyOf(utterances);
        firstPauseFrames = List.copyOf(firstPauseFrames);
    }

    public static SpokenScript of(CallerScript script) {
        return of(script, BackgroundNoise.NONE);
    }

    public static SpokenScript of(CallerScript script, BackgroundNoise noise) {
        return of(script, noise, Pauses.DEFAULT);
    }

    public static SpokenScript of(CallerScript script, BackgroundNoise noise, Pauses pauses) {
        List<List<Utterance>> parts = script.lines().stream()
                .map(line -> CallerScript.segments(line).stream().map(Utterance::of).toList())
                .toList();
        return joined(script, parts, pauses, noise, new SplittableRandom(SHARED_SEED));
    }

    /** The same script with its pauses drawn afresh for one call (itself when no line pauses). */
    public SpokenScript forCall(RandomGenerator random) {
        return firstPauseFrames.stream().allMatch(frame -> frame < 0) ? this : joined(script, parts, pauses, noise, random);
    }

    private static SpokenScript joined(CallerScript script, List<List<Utterance>> parts, Pauses pauses,
                                       BackgroundNoise noise, RandomGenerator random) {
        List<Utterance> utterances = new ArrayList<>();
        List<Integer> firstPauses = new ArrayList<>();
        for (int line = 0; line < parts.size(); line++) {
            List<Utterance> lineParts = parts.get(line);
            List<byte[]> frames = new ArrayList<>(lineParts.getFirst().frames());
            firstPauses.add(lineParts.size() > 1 ? frames.size() : -1);
            for (Utterance part : lineParts.subList(1, lineParts.size())) {
                for (int i = pauses.frames(random); i > 0; i--) {
                    frames.add(Utterance.silence());
                }
                frames.addAll(part.frames());
            }
            utterances.add(new Utterance(script.lines().get(line), frames));
        }
        return new SpokenScript(script, parts, pauses, noise, utterances, firstPauses);
    }

    public int turns() {
        return utterances.size();
    }

    /** Utterance of a 1-based turn. */
    public Utterance line(int turn) {
        return utterances.get(turn - 1);
    }

    /** Index of the first frame of the first pause in a 1-based turn's line, or -1 when it has none. */
    public int firstPauseFrame(int turn) {
        return firstPauseFrames.get(turn - 1);
    }

    public boolean bargesInAfter(int turn) {
        return script.bargeInTurn() == turn && turn < turns();
    }
}
