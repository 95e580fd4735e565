package io.firstbyte.app.web.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code curl} requests of a Markdown walk-through's {@code sh} blocks, as written, so a test replays the
 * document itself: a command may run over several lines inside a quoted {@code -d} body, and {@code #} starts
 * a comment outside quotes. The shell variables stay as written ({@code $S}, {@code $B}, {@code $A}); the test
 * says what they stand for.
 */
record DocumentedRequests(List<Request> requests) {

    private static final Pattern NUMBERED_HEADING = Pattern.compile("## (\\d+)\\.");

    /** One request: its section's heading number, method, URL, Authorization value ({@code $A} or a literal) and body. */
    record Request(int section, String method, String url, @Nullable String authorization, @Nullable String body) {
    }

    static DocumentedRequests read(Path markdown) {
        try {
            return parse(Files.readAllLines(markdown));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocumentedRequests parse(List<String> lines) {
        List<Request> requests = new ArrayList<>();
        int section = 0;
        boolean inShell = false;
        StringBuilder command = null;
        for (String line : lines) {
            Matcher heading = NUMBERED_HEADING.matcher(line);
            if (!inShell && heading.lookingAt()) {
                section = Integer.parseInt(heading.group(1));
            } else if (line.startsWith("```")) {
                inShell = !inShell && line.equals("```sh");
            } else if (inShell && (command != null || line.startsWith("curl "))) {
                command = command == null ? new StringBuilder(line) : command.append('\n').append(line);
                if (!openQuote(command)) {
                    requests.add(request(section, words(command.toString())));
                    command = null;
                }
            }
        }
        return new DocumentedRequests(List.copyOf(requests));
    }

    private static Request request(int section, List<String> words) {
        String method = "GET";
        String url = null;
        String authorization = null;
        String body = null;
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-X" -> method = words.get(++i);
                case "-d" -> body = words.get(++i);
                case "-H" -> {
                    String header = words.get(++i);
                    if (header.equals("$A") || header.startsWith("Authorization: ")) {
                        authorization = header.equals("$A") ? header : header.substring("Authorization: ".length());
                    }
                }
                default -> url = words.get(i).startsWith("-") ? url : words.get(i);
            }
        }
        return new Request(section, method, url, authorization, body);
    }

    private static boolean openQuote(CharSequence text) {
        return words(text.toString()) == null;
    }

    /** The shell words of {@code command} (quotes removed, comment dropped); null while a quote is open. */
    private static @Nullable List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (quote != 0) {
            return null;
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
