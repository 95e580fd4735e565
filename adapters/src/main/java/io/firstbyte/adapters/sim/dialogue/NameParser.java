package io.firstbyte.adapters.sim.dialogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the caller's name. "My name is …" is trusted whatever the case; weaker cues ("it's …",
 * "this is …", "I'm …") only count for capitalised words, so "it's for a haircut" is no name.
 */
final class NameParser {

    private static final String WORDS = "([A-Za-z][A-Za-z'-]*(?:\\s+[A-Za-z][A-Za-z'-]*){0,2})";
    private static final Pattern STRONG_CUE = Pattern.compile(
            "(?i)\\b(?:my name is|my name's|the name is|name is|under the name(?: of)?)\\s+" + WORDS);
    private static final Pattern WEAK_CUE = Pattern.compile("(?i)\\b(?:it's|it is|this is|i'm|i am)\\s+" + WORDS);
    private static final Pattern FILLER = Pattern.compile(
            "(?i)^(?:(?:yes|yeah|sure|ok|okay|of course|it's|it is|that's|that is)\\b[,.!]?\\s*)+");
    private static final Pattern BARE_NAME = Pattern.compile("^[A-Za-z][A-Za-z'-]*(?:\\s+[A-Za-z][A-Za-z'-]*){0,2}$");

    private NameParser() {
    }

    /** {@code answeringNameQuestion}: the agent just asked for the name, so a bare "Sam Taylor." is one. */
    static Optional<String> name(String text, boolean answeringNameQuestion) {
        Matcher strong = STRONG_CUE.matcher(text);
        if (strong.find()) {
            return nameFrom(strong.group(1), false);
        }
        Matcher weak = WEAK_CUE.matcher(text);
        while (weak.find()) {
            Optional<String> name = nameFrom(weak.group(1), true);
            if (name.isPresent()) {
                return name;
            }
        }
        return answeringNameQuestion ? bareName(text) : Optional.empty();
    }

    private static Optional<String> bareName(String text) {
        String answer = FILLER.matcher(text.trim()).replaceFirst("").replaceAll("[.!?,]+$", "").trim();
        return BARE_NAME.matcher(answer).matches() ? nameFrom(answer, false) : Optional.empty();
    }

    private static Optional<String> nameFrom(String words, boolean capitalisedOnly) {
        List<String> name = new ArrayList<>();
        for (String word : words.trim().split("\\s+")) {
            boolean capitalised = Character.isUpperCase(word.charAt(0));
            if ((capitalisedOnly && !capitalised) || !Vocabulary.couldBeName(word)) {
                break;
            }
            name.add(capitalised ? word : Vocabulary.capitalised(word));
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", name));
    }
}
