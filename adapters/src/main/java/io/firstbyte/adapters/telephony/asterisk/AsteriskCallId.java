package io.firstbyte.adapters.telephony.asterisk;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The name an Asterisk dial plan knows its call by, as both sides write it: the caller channel's
 * {@code ${UNIQUEID}} (say {@code 1718000000.42}, or {@code pbx1-1718000000.42} with a system name) that
 * the dial string passes as {@code v(call=…)}, or the UUID of {@code AudioSocket(<uuid>,…)}. The dial plan
 * asks for the call again under that name once the media has ended, so the same function reads it there:
 * 1 to {@value #MAX_CHARS} letters, digits, {@code .}, {@code _} or {@code -}; a UUID in lower case, as
 * Firstbyte writes the AudioSocket UUID it received in binary.
 */
public final class AsteriskCallId {

    public static final int MAX_CHARS = 128;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_CHARS + "}");
    private static final Pattern UUID = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private AsteriskCallId() {
    }

    /** The call's name as Firstbyte keys it; empty when {@code raw} is absent or not such a name. */
    public static Optional<String> of(@Nullable String raw) {
        if (raw == null || !NAME.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.matcher(raw).matches() ? raw.toLowerCase(Locale.ROOT) : raw);
    }

    /** What a usable name looks like, for error messages. */
    public static String rule() {
        return "1 to " + MAX_CHARS + " letters, digits, '.', '_' or '-' (the caller's ${UNIQUEID}, or a UUID)";
    }
}
