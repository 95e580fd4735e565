package io.firstbyte.adapters.telephony.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the caller's and the dialled number {@code From} and {@code To}, whatever the gateway or
 * the user's dial plan called them, because the application resolves the tenant from {@code To}.
 * The other parameters are kept unchanged; an existing {@code From}/{@code To} wins.
 */
public final class CallerNumbers {

    public static final String FROM = "From";
    public static final String TO = "To";

    private static final List<String> FROM_ALIASES =
            List.of("from", "caller", "callerid", "caller_id_number", "calling", "ani");
    private static final List<String> TO_ALIASES =
            List.of("to", "called", "callee", "destination_number", "dnis", "exten");

    private CallerNumbers() {
    }

    public static Map<String, String> withFromAndTo(Map<String, String> parameters) {
        Map<String, String> named = new LinkedHashMap<>(parameters);
        copyFirstAlias(parameters, FROM_ALIASES, FROM, named);
        copyFirstAlias(parameters, TO_ALIASES, TO, named);
        return named;
    }

    private static void copyFirstAlias(Map<String, String> source, List<String> aliases, String name,
                                       Map<String, String> target) {
        if (target.containsKey(name)) {
            return;
        }
        for (String alias : aliases) {
            for (Map.Entry<String, String> entry : source.entrySet()) {
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(alias) && !entry.getValue().isBlank()) {
                    target.put(name, entry.getValue());
                    return;
                }
            }
        }
    }
}
