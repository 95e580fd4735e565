package io.firstbyte.pipeline.agent;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.error.SpokenFailure;
import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.event.ToolResultReady;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One answer of the agent: the model streams text and tool calls; each tool call starts as soon as
 * it is complete, several run concurrently, and their results go back to the model for another
 * round. Tool calls run on the call's scope, so an interruption never leaves a call without its
 * result in the history. A tool with side effects runs only once the {@link AnswerHistory} allows it
 * (at once for a confirmed turn; a speculative answer holds there until its turn is confirmed), and
 * read-only tools start as soon as the model asks. Any failure becomes a short sentence the caller hears.
 */
public final class AgentTurn {

    private static final Logger log = LoggerFactory.getLogger(AgentTurn.class);
    static final String FILLER = "One moment while I check. ";

    private final LanguageModel model;
    private final ToolRegistry tools;
    private final AnswerHistory history;
    private final CallScope scope;
    private final CallContext call;
    private final int maxRounds;
    private final Duration fillerAfter;
    private final Scheduler scheduler;

    public AgentTurn(LanguageModel model, ToolRegistry tools, AnswerHistory history, CallScope scope,
                     CallContext call, int maxRounds, Duration fillerAfter, Scheduler scheduler) {
        this.model = model;
        this.tools = tools;
        this.history = history;
        this.scope = scope;
        this.call = call;
        this.maxRounds = maxRounds;
        this.fillerAfter = fillerAfter;
        this.scheduler = scheduler;
    }

    /** Answers the conversation as it stands in the history. */
    public Flux<AgentEvent> answer() {
        return round(history.conversation(), 1, new boolean[1])
                .onErrorResume(error -> {
                    log.warn("call {}: answer failed: {}", call.callId(), error.toString());
                    return Flux.just(new ModelTextDelta(SpokenFailure.sentenceFor(error)));
                });
    }

    private Flux<AgentEvent> round(List<ChatMessage> conversation, int round, boolean[] spoke) {
        return Flux.defer(() -> {
            StringBuilder said = new StringBuilder();
            List<ToolCall> calls = new ArrayList<>();
            List<Mono<ToolResult>> results = new ArrayList<>();
            boolean toolsAllowed = round <= maxRounds;
            Flux<ModelOutput> output = model.stream(new ModelRequest(call, conversation, toolsAllowed ? tools.specs() : List.of()))
                    .doOnNext(out -> {
                        if (out instanceof ModelTextDelta delta) {
                            said.append(delta.text());
                            spoke[0] |= !delta.text().isBlank();
                        } else if (out instanceof ToolCallRequested requested) {
                            calls.add(requested.call());
                            results.add(startTool(requested.call()));
                        }
                    });
            return Flux.<AgentEvent>concat(output, Flux.defer(() -> afterModel(conversation, round, said, calls, results, spoke)));
        });
    }

    private Flux<AgentEvent> afterModel(List<ChatMessage> conversation, int round, StringBuilder said,
                                        List<ToolCall> calls, List<Mono<ToolResult>> results, boolean[] spoke) {
        if (calls.isEmpty()) {
            return Flux.empty();
        }
        List<ChatMessage> next = new ArrayList<>(conversation);
        next.add(new ChatMessage.Assistant(said.toString(), calls));
        Flux<ToolResult> finished = Flux.mergeSequential(results).cache();
        Flux<AgentEvent> resultEvents = finished.map(ToolResultReady::new);
        Flux<AgentEvent> filler = spoke[0] || fillerAfter.isZero()
                ? Flux.empty()
                : Mono.delay(fillerAfter, scheduler).<AgentEvent>map(tick -> new ModelTextDelta(FILLER))
                        .flux().takeUntilOther(finished.then(Mono.just(true)));
        return Flux.merge(filler, resultEvents)
                .concatWith(Flux.defer(() -> finished.collectList().flatMapMany(done -> {
                    done.forEach(result -> next.add(new ChatMessage.ToolOutput(result.callId(), result.name(), result.content())));
                    return round(next, round + 1, spoke);
                })));
    }

    /**
     * Runs a tool on the call's scope; its call and result enter the history together. A read-only tool
     * starts now; one with side effects starts when the history allows it, and waiting for that is part
     * of the answer (cancelled with it), so a discarded speculative answer never runs it.
     */
    private Mono<ToolResult> startTool(ToolCall toolCall) {
        Mono<ToolResult> run = tools.run(toolCall, call).doOnNext(result -> history.toolExchange(toolCall, result));
        if (tools.readOnly(toolCall.name())) {
            return scope.detach(run);
        }
        return history.sideEffectsAllowed().then(Mono.defer(() -> scope.detach(run)));
    }
}
