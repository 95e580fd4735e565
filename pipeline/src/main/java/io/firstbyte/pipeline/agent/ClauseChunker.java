package io.firstbyte.pipeline.agent;

import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.tts.Clause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * Cuts a model's streamed text into clauses for speech synthesis. A clause ends at sentence
 * punctuation followed by whitespace; the first clause of an answer may also end at a comma,
 * colon or semicolon once it has {@value #MIN_EARLY_WORDS} words, so that synthesis starts as
 * early as possible. Digits around punctuation ("10:30", "3.5") never split. Not thread-safe.
 */
public final class ClauseChunker {

    static final int MIN_EARLY_WORDS = 3;
    private static final int MAX_CLAUSE_CHARS = 240;

    private final StringBuilder pending = new StringBuilder();
    private int next;

    /** Chunks a flux of text deltas into clauses; what remains at completion is the last clause. */
    public static Flux<Clause> chunk(Flux<String> deltas) {
        return chunkAnswer(deltas.map(ModelTextDelta::new));
    }

    /**
     * Chunks an agent's answer. A tool call or the end of a model round also ends the pending
     * clause: the model says nothing more until the tool has answered, so a preamble such as
     * "Let me check that for you." (whose last token has no trailing space) is spoken at once
     * instead of waiting for the tool and the next round's first token.
     */
    public static Flux<Clause> chunkAnswer(Flux<? extends AgentEvent> events) {
        return Flux.defer(() -> {
            ClauseChunker chunker = new ClauseChunker();
            return events.concatMapIterable(event -> switch (event) {
                        case ModelTextDelta delta -> chunker.accept(delta.text());
                        case ToolCallRequested requested -> chunker.flush().stream().toList();
                        case ModelFinished finished -> chunker.flush().stream().toList();
                        default -> List.<Clause>of();
                    })
                    .concatWith(Flux.defer(() -> Flux.fromStream(chunker.flush().stream())));
        });
    }

    public List<Clause> accept(String delta) {
        pending.append(delta);
        List<Clause> clauses = new ArrayList<>(1);
        int end;
        while ((end = boundary()) > 0) {
            emit(end, clauses);
        }
        return clauses;
    }

    public Optional<Clause> flush() {
        String text = pending.toString().strip();
        pending.setLength(0);
        return text.isEmpty() ? Optional.empty() : Optional.of(new Clause(next++, text));
    }

    private void emit(int end, List<Clause> out) {
        String text = pending.substring(0, end).strip();
        pending.delete(0, end);
        if (!text.isEmpty()) {
            out.add(new Clause(next++, text));
        }
    }

    /** Index just after the first clause boundary in {@code pending}, or -1. */
    private int boundary() {
        for (int i = 0; i < pending.length() - 1; i++) {
            char c = pending.charAt(i);
            if (!Character.isWhitespace(pending.charAt(i + 1)) || isInsideNumber(i)) {
                continue;
            }
            if (c == '.' || c == '!' || c == '?') {
                return i + 1;
            }
            if ((c == ',' || c == ';' || c == ':') && next == 0 && wordsBefore(i) >= MIN_EARLY_WORDS) {
                return i + 1;
            }
        }
        if (pending.length() > MAX_CLAUSE_CHARS) {
            int space = pending.lastIndexOf(" ", MAX_CLAUSE_CHARS);
            return space > 0 ? space + 1 : MAX_CLAUSE_CHARS;
        }
        return -1;
    }

    private boolean isInsideNumber(int i) {
        return i > 0 && i + 1 < pending.length()
                && Character.isDigit(pending.charAt(i - 1)) && Character.isDigit(pending.charAt(i + 1));
    }

    private int wordsBefore(int end) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < end; i++) {
            boolean letter = !Character.isWhitespace(pending.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }
}
