package io.firstbyte.adapters.sim;

import java.util.Arrays;
import java.util.List;

/** What the simulated caller says: one line per utterance, then a short generic line once the script runs out. */
final class CallerScript {

    static final String BEYOND_SCRIPT = "okay";
    /** A relaxed speaking rate, used to decide how much of a line an interim transcript shows. */
    private static final int WORDS_PER_SECOND = 3;

    private final List<String> lines;
    private int next;

    CallerScript(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    String nextLine() {
        return next < lines.size() ? lines.get(next++) : BEYOND_SCRIPT;
    }

    /** The words of {@code line} a listener would have heard after {@code voicedMillis} of speech (at least one). */
    static String heardSoFar(String line, long voicedMillis) {
        String[] words = line.split(" ");
        int count = (int) Math.clamp(voicedMillis * WORDS_PER_SECOND / 1000, 1, words.length);
        return String.join(" ", Arrays.asList(words).subList(0, count));
    }
}
