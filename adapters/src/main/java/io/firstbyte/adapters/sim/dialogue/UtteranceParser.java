package io.firstbyte.adapters.sim.dialogue;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads one caller message: intent, service, staff, day, time, name, booking reference, goodbye, yes. */
final class UtteranceParser {

    private static final Pattern CANCEL = Pattern.compile("\\bcancel");
    private static final Pattern BOOK = Pattern.compile(
            "\\bbook\\b|\\bmake an? (?:booking|appointment|reservation)\\b|\\breserve\\b|\\bschedule\\b|\\bcome in\\b");
    private static final Pattern AVAILABILITY = Pattern.compile(
            "\\bavailab|\\bfree\\b|\\bopen(?:ing|ings)?\\b|\\bwhat times?\\b|\\banything\\b|\\bslots?\\b");
    private static final Pattern GOODBYE = Pattern.compile(
            "\\b(?:good)?bye\\b|\\bthat'?s (?:all|it)\\b|\\bthat is (?:all|it)\\b|\\bnothing else\\b"
                    + "|\\bno,? thank(?:s| you)\\b");
    private static final Pattern YES = Pattern.compile(
            "^(?:yes|yeah|yep|sure|ok|okay|great|perfect|sounds good|that works|please do)\\b");
    private static final Pattern BOOKING_ID = Pattern.compile(
            "(?i)\\b(?:booking|reference|ref|confirmation|id)\\b(?:\\s+(?:id|number|reference|code|is|was))*"
                    + "\\s*[:#]?\\s*([A-Za-z0-9][A-Za-z0-9-]*\\d[A-Za-z0-9-]*)");

    private UtteranceParser() {
    }

    static Heard parse(String text, LocalDate today, boolean answeringNameQuestion) {
        String lower = text.toLowerCase(Locale.ROOT);
        return new Heard(intent(lower),
                Vocabulary.service(lower).orElse(null),
                Vocabulary.staff(lower).orElse(null),
                WhenParser.date(lower, today).orElse(null),
                WhenParser.time(lower).orElse(null),
                NameParser.name(text, answeringNameQuestion).orElse(null),
                bookingId(text).orElse(null),
                GOODBYE.matcher(lower).find(),
                YES.matcher(lower.trim()).find());
    }

    private static @Nullable Intent intent(String lower) {
        if (CANCEL.matcher(lower).find()) {
            return Intent.CANCEL;
        }
        if (BOOK.matcher(lower).find()) {
            return Intent.BOOK;
        }
        return AVAILABILITY.matcher(lower).find() ? Intent.AVAILABILITY : null;
    }

    private static Optional<String> bookingId(String text) {
        Matcher matcher = BOOKING_ID.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1).replaceAll("-+$", ""))
                : Optional.empty();
    }
}
