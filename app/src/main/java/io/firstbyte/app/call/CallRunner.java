package io.firstbyte.app.call;

import io.firstbyte.app.observability.CallMetrics;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.graph.CallPipeline;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs one started call, whatever connection carries it (a media WebSocket, an AudioSocket TCP
 * connection): resolves its tenant once, runs the pipeline over the caller's events, and keeps it
 * in the live calls (where a hang-up disposes it) and its turns in the recent traces.
 */
public final class CallRunner {

    private static final Logger log = LoggerFactory.getLogger(CallRunner.class);
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(2);

    private final CallPipeline pipeline;
    private final CallStartResolver resolver;
    private final LiveCalls live;
    private final RecentTraces traces;
    private final CallMetrics metrics;
    private final StartGate gate;

    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics) {
        this(pipeline, resolver, live, traces, metrics, StartGate.open());
    }

    /** The same, and a call starts only when {@code gate} has a place for it (the instance's cap). */
    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics, StartGate gate) {
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.live = live;
        this.traces = traces;
        this.metrics = metrics;
        this.gate = gate;
    }

    public CallMetrics metrics() {
        return metrics;
    }

    /** The agent's events for the call {@code started} begins; the caller's {@code events} follow it. */
    public Flux<OutboundEvent> run(CallStarted started, Flux<InboundEvent> events) {
        return run(started, events, null);
    }

    /**
     * The same, with the transport's own pacer lead ({@code null}: the configured one), for a
     * gateway that cannot drop audio it was sent and so plays the whole lead after a barge-in.
     */
    public Flux<OutboundEvent> run(CallStarted started, Flux<InboundEvent> events, @Nullable Duration pacerLead) {
        return Flux.defer(() -> gate.tryStart()
                .map(place -> admitted(started, events, pacerLead).doFinally(signal -> place.dispose()))
                .orElseGet(() -> {
                    // Rare: the entry point saw a free place, but other calls took the last ones first.
                    log.warn("call {} refused: this instance is at its call cap", started.callId());
                    return Flux.just(new EndCall("over capacity"));
                }));
    }

    private Flux<OutboundEvent> admitted(CallStarted started, Flux<InboundEvent> events, @Nullable Duration pacerLead) {
        Map<String, String> parameters = started.parameters();
        CallContext context = new CallContext(started.callId(), started.streamId(),
                parameters.getOrDefault("From", ""), parameters.getOrDefault("To", ""), parameters,
                pacerLead == null ? Map.of() : Map.of(CallSettings.PACER_LEAD_ATTRIBUTE, pacerLead));
        Sinks.One<Boolean> hangUp = Sinks.one();
        Sinks.One<CallLimit> endRequested = Sinks.one();
        CallEnd end = new CallEnd();
        return resolver.resolve(context)
                .timeout(RESOLVE_TIMEOUT, Mono.just(context))
                .flatMapMany(resolved -> Flux.merge(
                        pipeline.run(resolved, events, metrics.observer((trace, meters) -> traces.record(resolved.callId(), trace)),
                                endRequested.asMono()),
                        resolver.warmUp(resolved).thenMany(Flux.<OutboundEvent>empty())))
                .takeUntilOther(hangUp.asMono().doOnNext(operator -> end.operatorHungUp()))
                // Ending here, inside the stream that owns the inbound events, lets the call complete
                // instead of cancelling the inbound stream from outside (which Reactor reports as an error).
                .takeUntil(EndCall.class::isInstance)
                .doOnNext(end::sent)
                .doOnSubscribe(subscription -> {
                    live.started(context, () -> hangUp.tryEmitValue(true), endRequested::tryEmitValue);
                    log.info("call {} started: stream {}, caller {}", context.callId(), context.streamId(),
                            CallContext.mask(context.from()));
                })
                .doFinally(signal -> {
                    live.ended(context.callId());
                    metrics.callEnded(end.kind(signal));
                    log.info("call {} ended ({})", context.callId(), end.describe(signal));
                });
    }
}
