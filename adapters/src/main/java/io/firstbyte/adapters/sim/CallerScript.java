package io.firstbyte.adapters.sim;

import java.util.Arrays;
import java.util.List;

/** What the simulated caller says: one line per utterance, then a short generic line once the script runs out. */
final class CallerScript {

    static final String BEYOND_SCRIPT = "okay";
    /**
     * How long the caller takes to say one word: the call simulator's caller speaks 0.35 s a word, so
     * the interim transcripts show each word as it is said, as a real speech-to-text provider's do.
     */
    static final long WORD_MILLIS = 350;

    private final List<String> lines;
    private int next;

    CallerScript(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    String nextLine() {
        return next < lines.size() ? lines.get(next++) : BEYOND_SCRIPT;
    }

    static int wordCount(String line) {
        return words(line).length;
    }

    /** How many words of {@code line} the caller has said after {@code voicedMillis} of speech. */
    static int wordsSpoken(String line, long voicedMillis) {
        return (int) Math.min(voicedMillis / WORD_MILLIS, wordCount(line));
    }

    /** The first {@code count} words of {@code line}. */
    static String firstWords(String line, int count) {
        return String.join(" ", Arrays.asList(words(line)).subList(0, count));
    }

    private static String[] words(String line) {
        String stripped = line.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
