package io.firstbyte.app.call;

import io.firstbyte.app.observability.BothObservers;
import io.firstbyte.app.observability.CallLabels;
import io.firstbyte.app.observability.CallMetrics;
import io.firstbyte.app.records.CallRecording;
import io.firstbyte.app.records.CallRecords;
import io.firstbyte.app.observability.CallTracing;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.transport.TransportCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs one started call, whatever connection carries it (a media WebSocket, an AudioSocket TCP
 * connection): resolves its tenant once, runs the pipeline over the caller's events, and keeps it
 * in the live calls (where a hang-up disposes it), its turns in the recent traces, its meters
 * labelled with its tenant, gateway and providers, (when tracing is on) its trace, and its record,
 * handed to the call records when it ends.
 */
public final class CallRunner {

    private static final Logger log = LoggerFactory.getLogger(CallRunner.class);

    /** The call-context attribute ({@link String}) naming the gateway that carries the call ({@code twilio}, {@code jambonz}, ...). */
    public static final String GATEWAY_ATTRIBUTE = "firstbyte.gateway";

    private final Duration resolveTimeout;
    private final CallPipeline pipeline;
    private final CallStartResolver resolver;
    private final LiveCalls live;
    private final RecentTraces traces;
    private final CallMetrics metrics;
    private final StartGate gate;
    private final CallRecords records;
    private final CallTracing tracing;
    private final String gateway;

    /** {@code resolveTimeout}: how long a call start waits for its tenant, prompt and providers before going on without them. */
    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics, Duration resolveTimeout, CallRecords records, CallTracing tracing) {
        this(pipeline, resolver, live, traces, metrics, resolveTimeout, records, tracing, StartGate.open());
    }

    /** The same, and a call starts only when {@code gate} has a place for it (the instance's cap). */
    public CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                      CallMetrics metrics, Duration resolveTimeout, CallRecords records, CallTracing tracing,
                      StartGate gate) {
        this(pipeline, resolver, live, traces, metrics, resolveTimeout, records, tracing, gate, "unknown");
    }

    private CallRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                       CallMetrics metrics, Duration resolveTimeout, CallRecords records, CallTracing tracing,
                       StartGate gate, String gateway) {
        this.resolveTimeout = resolveTimeout;
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.live = live;
        this.traces = traces;
        this.metrics = metrics;
        this.gate = gate;
        this.records = records;
        this.tracing = tracing;
        this.gateway = gateway;
    }

    /** This runner for the calls of one gateway (its dialect name), as their records, meters and traces say. */
    public CallRunner forGateway(String name) {
        return new CallRunner(pipeline, resolver, live, traces, metrics, resolveTimeout, records, tracing, gate, name);
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
        return Flux.defer(() -> gate.tryStart()
                .map(place -> admitted(started, events, pacerLead, handsOver).doFinally(signal -> place.dispose()))
                .orElseGet(() -> {
                    // Rare: the entry point saw a free place, but other calls took the last ones first.
                    log.warn("call {} refused: this instance is at its call cap", started.callId());
                    return Flux.just(new EndCall("over capacity"));
                }));
    }

    private Flux<OutboundEvent> admitted(CallStarted started, Flux<InboundEvent> events, @Nullable Duration pacerLead,
                                         boolean handsOver) {
        Map<String, String> parameters = started.parameters();
        Map<String, Object> attributes = new HashMap<>();
        if (pacerLead != null) {
            attributes.put(CallSettings.PACER_LEAD_ATTRIBUTE, pacerLead);
        }
        attributes.put(TransportCodec.HANDS_OVER_ATTRIBUTE, handsOver);
        attributes.put(GATEWAY_ATTRIBUTE, gateway);
        CallContext context = new CallContext(started.callId(), started.streamId(),
                parameters.getOrDefault("From", ""), parameters.getOrDefault("To", ""), parameters, attributes);
        Sinks.One<Boolean> hangUp = Sinks.one();
        Sinks.One<CallLimit> endRequested = Sinks.one();
        CallEnd end = new CallEnd();
        CallRecording recording = records.start(context, gateway);
        CallTracing.TracedCall traced = tracing.start(context, gateway);
        AtomicReference<CallLabels> labels = new AtomicReference<>(CallLabels.unresolved(gateway));
        return resolver.resolve(context)
                .timeout(resolveTimeout, Mono.just(context))
                .doOnNext(recording::resolved)
                .flatMapMany(resolved -> Flux.merge(
                        pipeline.run(resolved, events, observer(resolved, labels, traced, recording),
                                endRequested.asMono()),
                        resolver.warmUp(resolved).thenMany(Flux.<OutboundEvent>empty())))
                .takeUntilOther(hangUp.asMono().doOnNext(operator -> end.operatorHungUp()))
                // Ending here, inside the stream that owns the inbound events, lets the call complete
                // instead of cancelling the inbound stream from outside (which Reactor reports as an error).
                .takeUntil(EndCall.class::isInstance)
                .doOnNext(end::sent)
                .doOnSubscribe(subscription -> {
                    live.started(context, () -> hangUp.tryEmitValue(true), endRequested::tryEmitValue);
                    traces.started(context.callId(), CallContext.mask(context.from()), context.to(), gateway);
                    traced.log(() -> log.info("call {} started: stream {}, caller {}", context.callId(), context.streamId(),
                            CallContext.mask(context.from())));
                })
                .doFinally(signal -> {
                    live.ended(context.callId());
                    traces.ended(context.callId(), end.kind(signal));
                    metrics.callEnded(labels.get(), end.kind(signal));
                    recording.end(end.kind(signal));
                    traced.log(() -> log.info("call {} ended ({})", context.callId(), end.describe(signal)));
                    traced.ended(end.kind(signal));
                })
                .contextWrite(traced::propagate);
    }

    /** The call's observer, once its tenant is known: meters with its labels, its trace, and its record. */
    private CallObserver observer(CallContext resolved, AtomicReference<CallLabels> labels, CallTracing.TracedCall traced,
                                  CallRecording recording) {
        CallLabels callLabels = metrics.labels(resolved, gateway);
        labels.set(callLabels);
        String tenant = resolved.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        traced.resolved(callLabels, tenant);
        traces.resolved(resolved.callId(), tenant, new RecentTraces.Providers(callLabels.stt(), callLabels.llm(), callLabels.tts()));
        return BothObservers.of(metrics.observer(callLabels, (trace, meters) -> {
                    traces.record(resolved.callId(), trace);
                    recording.turn(trace);
                }), traced.observer());
    }
}
