package io.firstbyte.adapters.sim;

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

    Line nextLine() {
        return Line.of(next < lines.size() ? lines.get(next++) : BEYOND_SCRIPT);
    }

    /** One line and its words, split once: the interims ask for them on every voiced frame. */
    record Line(String text, List<String> words) {
        static Line of(String text) {
            String stripped = text.strip();
            return new Line(text, stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+")));
        }

        int wordCount() {
            return words.size();
        }

        /** How many words the caller has said after {@code voicedMillis} of speech. */
        int wordsSpoken(long voicedMillis) {
            return (int) Math.min(voicedMillis / WORD_MILLIS, words.size());
        }

        /** The first {@code count} words. */
        String firstWords(int count) {
            return String.join(" ", words.subList(0, count));
        }
    }
}
