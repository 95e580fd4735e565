package io.firstbyte.pipeline.testing;

import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * A language model fake that replays scripted replies in order, one per request, after a
 * first-token delay on the given scheduler. Records every request; counts cancellations.
 */
public final class ScriptedLanguageModel implements LanguageModel {

    private final Deque<List<ModelOutput>> replies = new ConcurrentLinkedDeque<>();
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Duration firstToken;
    private final Duration perToken;
    private final Scheduler scheduler;

    public ScriptedLanguageModel(Duration firstToken, Duration perToken, Scheduler scheduler) {
        this.firstToken = firstToken;
        this.perToken = perToken;
        this.scheduler = scheduler;
    }

    /** Queues a plain text reply, streamed word by word. */
    public ScriptedLanguageModel replies(String text) {
        List<ModelOutput> outputs = new ArrayList<>();
        for (String word : text.split("(?<= )")) {
            outputs.add(new ModelTextDelta(word));
        }
        outputs.add(new ModelFinished("stop"));
        replies.add(outputs);
        return this;
    }

    /** Queues a reply that says {@code preamble} and then calls the given tools. */
    public ScriptedLanguageModel callsTools(String preamble, ToolCall... calls) {
        List<ModelOutput> outputs = new ArrayList<>();
        if (!preamble.isEmpty()) {
            outputs.add(new ModelTextDelta(preamble));
        }
        for (ToolCall call : calls) {
            outputs.add(new ToolCallRequested(call));
        }
        outputs.add(new ModelFinished("tool_calls"));
        replies.add(outputs);
        return this;
    }

    @Override
    public Flux<ModelOutput> stream(ModelRequest request) {
        requests.add(request);
        List<ModelOutput> reply = replies.poll();
        List<ModelOutput> outputs = reply != null ? reply : List.of(new ModelTextDelta("Okay."), new ModelFinished("stop"));
        return Flux.fromIterable(outputs)
                .index()
                .concatMap(indexed -> Flux.just(indexed.getT2())
                        .delaySequence(indexed.getT1() == 0 ? firstToken : perToken, scheduler))
                .doOnCancel(cancelled::incrementAndGet);
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public int cancellations() {
        return cancelled.get();
    }
}
