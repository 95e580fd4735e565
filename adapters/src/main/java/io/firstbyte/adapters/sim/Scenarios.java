package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.call.CallContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named caller scripts for simulated calls: what the caller says, one line per utterance. A call
 * chooses its lines with the {@code lines} parameter ({@code |}-separated) or a {@code scenario}
 * name; otherwise it plays {@link #BOOKING}.
 */
public final class Scenarios {

    public static final String LINES_PARAMETER = "lines";
    public static final String SCENARIO_PARAMETER = "scenario";

    public static final String BOOKING = "booking";
    public static final String AVAILABILITY = "availability";
    public static final String CANCEL = "cancel";

    /** Every built-in scenario by name. */
    public static final Map<String, List<String>> ALL = Map.of(
            BOOKING, List.of(
                    "Hi, I'd like to book a haircut tomorrow please.",
                    "Do you have anything at 10:30?",
                    "Yes please. My name is Sam Taylor.",
                    "No, that's all. Thank you!"),
            AVAILABILITY, List.of(
                    "Hi, what times do you have free on Friday for a colour?",
                    "Is there anything with Carla?",
                    "Okay, thanks. That's all, goodbye!"),
            CANCEL, List.of(
                    "Hello, I need to cancel my appointment.",
                    "The booking reference is BK-1042.",
                    "No, that's all. Thank you!"));

    private static final Pattern LINE_SEPARATOR = Pattern.compile("\\|");

    private Scenarios() {
    }

    public static Optional<List<String>> find(String name) {
        return Optional.ofNullable(ALL.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** The call's script: its {@code lines}, else its {@code scenario}, else {@link #BOOKING}. */
    public static List<String> linesFor(CallContext call) {
        String lines = call.parameter(LINES_PARAMETER);
        if (lines != null && !lines.isBlank()) {
            return Arrays.stream(LINE_SEPARATOR.split(lines)).map(String::trim).filter(line -> !line.isEmpty()).toList();
        }
        String scenario = call.parameter(SCENARIO_PARAMETER);
        return Optional.ofNullable(scenario).flatMap(Scenarios::find).orElse(ALL.get(BOOKING));
    }
}
