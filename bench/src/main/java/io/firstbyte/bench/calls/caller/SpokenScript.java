package io.firstbyte.bench.calls.caller;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A caller script with its lines already turned into audio frames, and the background noise of the
 * caller's line, shared by every call of a run. A line with mid-sentence pauses is its parts' audio
 * with {@link Pauses} of silence between them; with {@code wordGaps}, each part also has a short silence
 * between its words (real speech stops for 20-60 ms at some word joins and stop consonants, each of which a
 * server may take for a pause). {@link #forCall} draws those pauses and gaps afresh for one call, sharing
 * the parts' frames. {@code firstPauseFrames} gives, per line, the index of its first pause's first frame
 * (-1 for a line without a pause).
 */
public record SpokenScript(CallerScript script, List<List<Utterance>> parts, Pauses pauses, @Nullable Pauses wordGaps,
                           BackgroundNoise noise, List<Utterance> utterances, List<Integer> firstPauseFrames) {

    private static final long SHARED_SEED = 13;
    /** Frames of one word: the synthesised voice says a word every 350 ms ({@link SpeechSynth}). */
    private static final double WORD_FRAMES = 350 / 20.0;

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
        return of(script, noise, pauses, null);
    }

    /** With {@code wordGaps} (null: none) of silence between the words of each part. */
    public static SpokenScript of(CallerScript script, BackgroundNoise noise, Pauses pauses, @Nullable Pauses wordGaps) {
        List<List<Utterance>> parts = script.lines().stream()
                .map(line -> CallerScript.segments(line).stream().map(Utterance::of).toList())
                .toList();
        return joined(script, parts, pauses, wordGaps, noise, new SplittableRandom(SHARED_SEED));
    }

    /** The same script with its pauses and word gaps drawn afresh for one call (itself when it has neither). */
    public SpokenScript forCall(RandomGenerator random) {
        return wordGaps == null && firstPauseFrames.stream().allMatch(frame -> frame < 0) ? this
                : joined(script, parts, pauses, wordGaps, noise, random);
    }

    private static SpokenScript joined(CallerScript script, List<List<Utterance>> parts, Pauses pauses,
                                       @Nullable Pauses wordGaps, BackgroundNoise noise, RandomGenerator random) {
        List<Utterance> utterances = new ArrayList<>();
        List<Integer> firstPauses = new ArrayList<>();
        for (int line = 0; line < parts.size(); line++) {
            List<Utterance> lineParts = parts.get(line);
            List<byte[]> frames = new ArrayList<>(spoken(lineParts.getFirst(), wordGaps, random));
            firstPauses.add(lineParts.size() > 1 ? frames.size() : -1);
            for (Utterance part : lineParts.subList(1, lineParts.size())) {
                for (int i = pauses.frames(random); i > 0; i--) {
                    frames.add(Utterance.silence());
                }
                frames.addAll(spoken(part, wordGaps, random));
            }
            utterances.add(new Utterance(script.lines().get(line), frames));
        }
        return new SpokenScript(script, parts, pauses, wordGaps, noise, utterances, firstPauses);
    }

    /** {@code part}'s frames, with a gap of silence after each of its words but the last when {@code gaps} are given. */
    static List<byte[]> spoken(Utterance part, @Nullable Pauses gaps, RandomGenerator random) {
        if (gaps == null) {
            return part.frames();
        }
        int words = part.text().strip().split("\\s+").length;
        List<byte[]> frames = new ArrayList<>();
        int from = 0;
        for (int word = 1; word < words; word++) {
            int boundary = (int) Math.min(part.frameCount(), Math.round(word * WORD_FRAMES));
            frames.addAll(part.frames().subList(from, boundary));
            for (int i = gaps.frames(random); i > 0; i--) {
                frames.add(Utterance.silence());
            }
            from = boundary;
        }
        frames.addAll(part.frames().subList(from, part.frameCount()));
        return frames;
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
