package io.firstbyte.pipeline.turn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether two transcripts say the same thing: compared word by word after lower-casing, dropping
 * punctuation (apostrophes too, so "I'd" matches "id") and filler words (um, uh, er…). Speech-to-text
 * providers punctuate and capitalise their final transcripts but not always their interim ones.
 */
public final class SameWords {

    private static final Set<String> FILLERS = Set.of("um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "eh", "hmm", "mm");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}\\s]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SameWords() {
    }

    public static boolean same(String a, String b) {
        return normalised(a).equals(normalised(b));
    }

    /** The words of {@code text} that carry meaning, lower case, one space apart. */
    public static String normalised(String text) {
        String plain = NOT_WORD.matcher(text.toLowerCase(Locale.ROOT).replace('-', ' ')).replaceAll("");
        return Arrays.stream(SPACES.split(plain.strip()))
                .filter(word -> !word.isEmpty() && !FILLERS.contains(word))
                .collect(Collectors.joining(" "));
    }
}
