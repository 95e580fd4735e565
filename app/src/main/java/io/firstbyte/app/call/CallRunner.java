package io.firstbyte.app.call;

import io.firstbyte.app.observability.CallMetrics;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.transport.TransportCodec;
import java.time.Duration;
import java.util.HashMap;
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
    private static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofSeconds(2);

    private final Duration resolveTimeout;
    private final CallPipeline pipeline;
    private final CallStartResolver resolver;
    private final LiveCalls live;
    private final RecentTraces traces;
    private final CallMetrics metrics;

    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics) {
        this(pipeline, resolver, live, traces, metrics, DEFAULT_RESOLVE_TIMEOUT);
    }

    /** {@code resolveTimeout}: how long a call start waits for its tenant, prompt and providers before going on without them. */
    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics, Duration resolveTimeout) {
        this.resolveTimeout = resolveTimeout;
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.live = live;
        this.traces = traces;
        this.metrics = metrics;
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
        return run(started, events, pacerLead, false);
    }

    /**
     * The same, saying whether the call's transport hands the caller over when the call ends for a
     * transfer ({@link TransportCodec#handsOver()}), which the transfer tool reads from the context.
     */
    public Flux<OutboundEvent> run(CallStarted started, Flux<InboundEvent> events, @Nullable Duration pacerLead,
                                   boolean handsOver) {
        Map<String, String> parameters = started.parameters();
        Map<String, Object> attributes = new HashMap<>();
        if (pacerLead != null) {
            attributes.put(CallSettings.PACER_LEAD_ATTRIBUTE, pacerLead);
        }
        attributes.put(TransportCodec.HANDS_OVER_ATTRIBUTE, handsOver);
        CallContext context = new CallContext(started.callId(), started.streamId(),
                parameters.getOrDefault("From", ""), parameters.getOrDefault("To", ""), parameters, attributes);
        Sinks.One<Boolean> hangUp = Sinks.one();
        CallEnd end = new CallEnd();
        return resolver.resolve(context)
                .timeout(resolveTimeout, Mono.just(context))
                .flatMapMany(resolved -> Flux.merge(
                        pipeline.run(resolved, events, metrics.observer((trace, meters) -> traces.record(resolved.callId(), trace))),
                        resolver.warmUp(resolved).thenMany(Flux.<OutboundEvent>empty())))
                .takeUntilOther(hangUp.asMono().doOnNext(operator -> end.operatorHungUp()))
                // Ending here, inside the stream that owns the inbound events, lets the call complete
                // instead of cancelling the inbound stream from outside (which Reactor reports as an error).
                .takeUntil(EndCall.class::isInstance)
                .doOnNext(end::sent)
                .doOnSubscribe(subscription -> {
                    live.started(context, () -> hangUp.tryEmitValue(true));
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
