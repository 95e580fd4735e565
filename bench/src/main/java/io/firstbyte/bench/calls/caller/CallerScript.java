package io.firstbyte.bench.calls.caller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What every simulated caller says, line by line (one line per turn), and the turn whose answer
 * the caller interrupts (1-based; 0 for none): on that turn the caller starts its next line
 * while the answer is still playing. A {@code |} inside a line is a mid-sentence pause ("I'd like a
 * haircut and | uh, a beard trim on Friday"): the caller stops speaking there for a {@link Pauses}
 * length, and the server's simulated speech-to-text hears each part as an utterance of its own.
 */
public record CallerScript(List<String> lines, int bargeInTurn) {

    /** The default "booking" scenario. */
    public static final List<String> BOOKING = List.of(
            "Hi, I'd like to book a haircut tomorrow please.",
            "Do you have anything at 10:30?",
            "Yes please. My name is Sam Taylor.",
            "No, that's all. Thank you!");

    private static final int MAX_PARAMETER_CHARS = 500;

    public CallerScript {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a caller script needs at least one line");
        }
        if (lines.stream().anyMatch(line -> segments(line).stream().anyMatch(String::isEmpty))) {
            throw new IllegalArgumentException("a line must have words before and after each pause ('|')");
        }
        if (String.join("|", lines).length() + "lines".length() >= MAX_PARAMETER_CHARS) {
            throw new IllegalArgumentException("the lines joined must stay under " + MAX_PARAMETER_CHARS
                    + " characters (Twilio's limit for one stream parameter)");
        }
        if (bargeInTurn < 0 || (bargeInTurn != 0 && bargeInTurn >= lines.size())) {
            throw new IllegalArgumentException("the barge-in turn must be 0 (none) or a turn followed by another line");
        }
    }

    /** One line per turn; blank lines and lines starting with '#' are skipped. */
    public static CallerScript fromFile(Path file, int bargeInTurn) throws IOException {
        List<String> lines = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        return new CallerScript(lines, bargeInTurn);
    }

    /** The {@code lines} stream parameter: every part the server hears, in order, joined with '|'. */
    public String joinedLines() {
        return String.join("|", lines.stream().map(CallerScript::serverLines).toList());
    }

    /** The parts of {@code line} between its pauses, stripped; a line without a pause is one part. */
    public static List<String> segments(String line) {
        return Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
    }

    /** The utterances the server hears for {@code line}: its parts, joined with '|'. */
    public static String serverLines(String line) {
        return String.join("|", segments(line));
    }

    /** Whether the line of a 1-based turn has a mid-sentence pause. */
    public boolean pausesIn(int turn) {
        return lines.get(turn - 1).contains("|");
    }
}
