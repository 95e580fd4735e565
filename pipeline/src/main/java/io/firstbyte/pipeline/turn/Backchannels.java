package io.firstbyte.pipeline.turn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words a caller says to show they are listening ("mm-hm", "okay", "yeah", "right"), and whether a
 * transcript holds nothing else. Spellings fold together: case, punctuation, hyphens and repeated
 * letters do not matter ("Mm-hmm." is "mhm", "Okay!" is "okay"). Immutable.
 */
public final class Backchannels {

    private final Set<String> words;
    private final int maxWords;

    public Backchannels(List<String> words, int maxWords) {
        this.words = words.stream().flatMap(Backchannels::words).collect(Collectors.toUnmodifiableSet());
        this.maxWords = maxWords;
    }

    /** Whether {@code transcript} holds at most the allowed number of words, every one a backchannel (blank: true). */
    public boolean only(String transcript) {
        List<String> said = words(transcript).toList();
        return said.size() <= maxWords && words.containsAll(said);
    }

    private static java.util.stream.Stream<String> words(String text) {
        String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s']", "");
        return Arrays.stream(letters.split("\\s+")).filter(word -> !word.isEmpty()).map(Backchannels::folded);
    }

    private static String folded(String word) {
        StringBuilder folded = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            if (i == 0 || word.charAt(i) != word.charAt(i - 1)) {
                folded.append(word.charAt(i));
            }
        }
        return folded.toString();
    }
}
