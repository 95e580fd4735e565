package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.agent.AnswerHistory;
import io.firstbyte.pipeline.agent.ConversationHistory;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One answer started before its turn was confirmed, on the transcript in hand when the caller paused.
 * Until it is {@linkplain #release released} it is held: its output waits ({@link #hold}), its tool
 * exchanges stay out of the conversation history, and a tool with side effects waits where the answer
 * asks for it. {@link Speculation} {@linkplain #confirm confirms} it when the turn ends saying the same;
 * otherwise the answer is cancelled ({@link #abandon}) and leaves no trace. It counts the model requests
 * and output tokens it costs, so a discarded one can be accounted as waste. Thread-safe.
 */
public final class SpeculativeTurn {

    /**
     * Elements a held output requests ahead, while held and after: the first chunks of speech are all the
     * release needs, and once released the pacer's own demand should set the pace of synthesis.
     */
    static final int HELD = 4;

    private record Exchange(ToolCall call, ToolResult result) {
    }

    private final String transcript;
    private final Sinks.One<TurnEnded> confirmation = Sinks.one();
    private final Sinks.Empty<Void> released = Sinks.empty();
    private final AtomicInteger modelRequests = new AtomicInteger();
    private final AtomicLong modelTokens = new AtomicLong();
    private final List<Exchange> heldExchanges = new ArrayList<>();
    private @Nullable ConversationHistory history;
    private boolean begun;
    private boolean abandoned;
    private boolean confirmed;

    public SpeculativeTurn(String transcript) {
        this.transcript = transcript;
    }

    /** The transcript the answer responds to. */
    public String transcript() {
        return transcript;
    }

    /** The answer is running. */
    public synchronized void begin() {
        begun = true;
    }

    /** The answer stopped before its turn was confirmed (cancelled or failed); it can no longer be confirmed. */
    public synchronized void abandon() {
        if (!confirmed) {
            abandoned = true;
        }
    }

    /** Confirms the answer for {@code turn}; false when it is not running any more (then the turn needs another). */
    public boolean confirm(TurnEnded turn) {
        synchronized (this) {
            if (!begun || abandoned || confirmed) {
                return false;
            }
            confirmed = true;
        }
        confirmation.tryEmitValue(turn);
        return true;
    }

    /** Emits the confirmed turn; never, if the answer is discarded. */
    public Mono<TurnEnded> confirmed() {
        return confirmation.asMono();
    }

    /**
     * Lets the answer go: its held tool exchanges enter {@code history} (after what the caller's turn
     * added to it), later ones go straight there, and held output and side effects proceed.
     */
    public void release(ConversationHistory history) {
        synchronized (this) {
            this.history = history;
            heldExchanges.forEach(exchange -> history.toolExchange(exchange.call(), exchange.result()));
            heldExchanges.clear();
        }
        released.tryEmitEmpty();
    }

    /** {@code output} as it comes once released; until then up to {@value #HELD} elements wait here. */
    public <T> Flux<T> hold(Flux<T> output) {
        return output.concatMap(element -> released.asMono().thenReturn(element), HELD);
    }

    /** The answer's view of the conversation: {@code conversation}, its exchanges held until release. */
    public AnswerHistory history(List<ChatMessage> conversation) {
        List<ChatMessage> messages = List.copyOf(conversation);
        return new AnswerHistory() {
            @Override
            public List<ChatMessage> conversation() {
                return messages;
            }

            @Override
            public void toolExchange(ToolCall call, ToolResult result) {
                exchange(call, result);
            }

            @Override
            public Mono<Void> sideEffectsAllowed() {
                return released.asMono();
            }
        };
    }

    private void exchange(ToolCall call, ToolResult result) {
        ConversationHistory target;
        synchronized (this) {
            target = history;
            if (target == null) {
                heldExchanges.add(new Exchange(call, result));
                return;
            }
        }
        target.toolExchange(call, result);
    }

    /** {@code model}, counting the requests this answer makes and the output tokens it receives. */
    public LanguageModel metered(LanguageModel model) {
        return request -> model.stream(request)
                .doOnSubscribe(subscription -> modelRequests.incrementAndGet())
                .doOnNext(output -> {
                    if (output instanceof ModelTextDelta || output instanceof ToolCallRequested) {
                        modelTokens.incrementAndGet();
                    }
                });
    }

    public int modelRequests() {
        return modelRequests.get();
    }

    public long modelTokens() {
        return modelTokens.get();
    }
}
