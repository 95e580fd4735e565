package io.firstbyte.adapters.sim.dialogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo salon's words: its services (with the ways callers say them) and its staff. */
final class Vocabulary {

    static final List<String> SERVICES = List.of("Haircut", "Colour", "Beard trim", "Blow-dry");
    static final List<String> STAFF = List.of("Anna", "Ben", "Carla");

    /** Checked in order, so "beard trim" is not taken for a haircut. */
    private static final Map<Pattern, String> SERVICE_PHRASES = orderedPhrases();
    private static final Pattern STAFF_PHRASE = Pattern.compile(
            "\\b(?:with|see|by|from|prefer|ask for)\\s+(anna|ben|carla)\\b");
    private static final Set<String> NOT_NAMES = Set.of("anna", "ben", "carla", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "today", "tomorrow", "haircut", "colour", "color", "beard",
            "blow", "calling", "looking", "here", "just", "sorry", "fine", "good", "great", "okay", "ok", "yes", "no",
            "and", "please", "thanks", "thank", "i", "for", "a", "the", "to", "so", "but", "about", "not", "that",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "noon", "hi", "hello", "hey");

    private Vocabulary() {
    }

    static Optional<String> service(String lower) {
        return SERVICE_PHRASES.entrySet().stream()
                .filter(phrase -> phrase.getKey().matcher(lower).find())
                .map(Map.Entry::getValue)
                .findFirst();
    }

    static Optional<String> staff(String lower) {
        Matcher matcher = STAFF_PHRASE.matcher(lower);
        return matcher.find() ? Optional.of(capitalised(matcher.group(1))) : Optional.empty();
    }

    static boolean couldBeName(String word) {
        return !NOT_NAMES.contains(word.toLowerCase(Locale.ROOT));
    }

    static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT);
    }

    private static Map<Pattern, String> orderedPhrases() {
        var phrases = new LinkedHashMap<Pattern, String>();
        phrases.put(Pattern.compile("\\bbeard\\b"), "Beard trim");
        phrases.put(Pattern.compile("\\bblow[- ]?dr(?:y|ies|ied)\\b|\\bblow[- ]?out\\b"), "Blow-dry");
        phrases.put(Pattern.compile("\\bcolou?r(?:s|ing)?\\b|\\bdye\\b|\\bhighlights\\b"), "Colour");
        phrases.put(Pattern.compile("\\bhair ?cuts?\\b|\\bcut\\b|\\btrim\\b"), "Haircut");
        return Collections.unmodifiableMap(phrases);
    }
}
