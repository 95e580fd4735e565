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
 * early as possible. With {@code firstWords} above zero the first clause leaves even sooner: as
 * soon as that many whole words exist, unless the text in hand already completes the clause (then
 * the clause goes whole, for its prosody); the rest of the answer follows in the same synthesis
 * context, so its voice carries on. Digits around punctuation
 * ("10:30", "3.5") never split, and a word is whole only once whitespace follows it. Not thread-safe.
 */
public final class ClauseChunker {

    static final int MIN_EARLY_WORDS = 3;
    private static final int MAX_CLAUSE_CHARS = 240;

    private final StringBuilder pending = new StringBuilder();
    private final int firstWords;
    private int next;

    /** A chunker whose first clause waits for its punctuation (text that exists whole, such as a greeting). */
    public ClauseChunker() {
        this(0);
    }

    /** A chunker whose first clause leaves after {@code firstWords} whole words (0: at its punctuation only). */
    public ClauseChunker(int firstWords) {
        if (firstWords < 0) {
            throw new IllegalArgumentException("firstWords must not be negative");
        }
        this.firstWords = firstWords;
    }

    /** Chunks a flux of text deltas into clauses; what remains at completion is the last clause. */
    public static Flux<Clause> chunk(Flux<String> deltas) {
        return chunkAnswer(deltas.map(ModelTextDelta::new));
    }

    /** {@link #chunkAnswer(Flux, int)} with the first clause waiting for its punctuation. */
    public static Flux<Clause> chunkAnswer(Flux<? extends AgentEvent> events) {
        return chunkAnswer(events, 0);
    }

    /**
     * Chunks an agent's answer. A tool call or the end of a model round also ends the pending
     * clause: the model says nothing more until the tool has answered, so a preamble such as
     * "Let me check that for you." (whose last token has no trailing space) is spoken at once
     * instead of waiting for the tool and the next round's first token.
     */
    public static Flux<Clause> chunkAnswer(Flux<? extends AgentEvent> events, int firstWords) {
        return Flux.defer(() -> {
            ClauseChunker chunker = new ClauseChunker(firstWords);
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
        if (next == 0 && firstWords > 0 && !endsASentence()) {
            int end = endOfWord(firstWords);
            if (end > 0) {
                return end;
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

    /** Whether the text in hand ends like a sentence: the next delta will most likely complete the clause. */
    private boolean endsASentence() {
        String text = pending.toString().stripTrailing();
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?';
    }

    /** Index just after the {@code n}th whole word (one followed by whitespace) in {@code pending}, or -1. */
    private int endOfWord(int n) {
        int words = 0;
        for (int i = 0; i < pending.length() - 1; i++) {
            if (!Character.isWhitespace(pending.charAt(i)) && Character.isWhitespace(pending.charAt(i + 1)) && ++words == n) {
                return i + 1;
            }
        }
        return -1;
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
