package io.firstbyte.app.tenant;

import java.util.Optional;
import java.util.regex.Pattern;

/** E.164 normalisation for dialled numbers, tolerant of the spaces and dashes people and platforms add. */
public final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern DECORATION = Pattern.compile("[\\s().\\-]");

    private PhoneNumbers() {
    }

    public static Optional<String> e164(String raw) {
        String compact = DECORATION.matcher(raw.strip()).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }
}
