package io.firstbyte.pipeline.turn;

import java.util.Locale;
import java.util.Set;

/**
 * How a transcript so far ends, as a listener would hear it: a question or a sentence that is
 * {@link #COMPLETE}; one that {@link #TRAILING trails off} in a filler, a conjunction, or a word a
 * sentence does not stop on (an article, a preposition, "is": the caller is still thinking, or about
 * to say more); or {@link #OPEN}, neither: it stops on another word ("a haircut", "Sam") but no closing
 * punctuation says the sentence is over.
 */
public enum TranscriptEnding {
    COMPLETE, TRAILING, OPEN;

    /** Words after which the caller goes on, whatever punctuation a speech-to-text provider put after them. */
    private static final Set<String> ALWAYS_TRAILING = Set.of(
            // fillers
            "um", "umm", "uh", "uhm", "er", "erm", "ah", "hmm", "mm",
            // conjunctions
            "and", "or", "but", "so", "because", "cause", "if", "then", "though", "although", "while", "unless",
            "until", "plus",
            // articles and possessives, which need a noun after them
            "the", "a", "an", "my", "your", "our", "their", "his", "its");

    /**
     * Words a sentence rarely stops on: prepositions, "to" and the copula. Without closing punctuation
     * the caller is taken to go on; with it ("Yes, it is.", "I'd like to.") the provider heard an end.
     */
    private static final Set<String> TRAILING_UNLESS_CLOSED = Set.of(
            "to", "for", "of", "at", "on", "in", "with", "from", "about", "by", "into", "onto", "than",
            "is", "are", "was", "were", "am", "i'm", "it's", "that's", "there's", "we're", "you're", "they're", "name's");

    public static TranscriptEnding of(String transcript) {
        String text = transcript.strip();
        if (text.endsWith("?")) {
            return COMPLETE;
        }
        String last = lastWord(text);
        if (ALWAYS_TRAILING.contains(last)) {
            return TRAILING;
        }
        if (text.endsWith(".") || text.endsWith("!")) {
            return COMPLETE;
        }
        return TRAILING_UNLESS_CLOSED.contains(last) ? TRAILING : OPEN;
    }

    private static String lastWord(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').split("\\s+");
        return words[words.length - 1].replaceAll("[^\\p{L}']", "");
    }
}
