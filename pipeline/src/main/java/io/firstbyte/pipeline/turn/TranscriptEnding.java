package io.firstbyte.pipeline.turn;

import java.util.Locale;
import java.util.Set;

/**
 * How a transcript so far ends, as a listener would hear it: a question or a sentence that is
 * {@link #COMPLETE}; one that {@link #TRAILING trails off} in a filler, a conjunction or an article
 * (the caller is still thinking, or about to say more); or {@link #OPEN}, neither (no closing
 * punctuation to go by).
 */
public enum TranscriptEnding {
    COMPLETE, TRAILING, OPEN;

    private static final Set<String> TRAILING_WORDS = Set.of(
            // fillers
            "um", "umm", "uh", "uhm", "er", "erm", "ah", "hmm", "mm",
            // conjunctions
            "and", "or", "but", "so", "because", "cause", "if", "then", "though", "although", "while", "unless",
            "until", "plus",
            // articles and the like, after which a sentence cannot stop
            "the", "a", "an", "my", "your", "to");

    public static TranscriptEnding of(String transcript) {
        String text = transcript.strip();
        if (text.endsWith("?")) {
            return COMPLETE;
        }
        if (TRAILING_WORDS.contains(lastWord(text))) {
            return TRAILING;
        }
        return text.endsWith(".") || text.endsWith("!") ? COMPLETE : OPEN;
    }

    private static String lastWord(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("\\s+");
        return words[words.length - 1].replaceAll("[^\\p{L}']", "");
    }
}
