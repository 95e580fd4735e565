package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.caller.SpokenScript;
import io.firstbyte.bench.calls.caller.Utterance;
import io.firstbyte.bench.calls.report.ServerTrace;
import io.firstbyte.bench.calls.report.TracedCall;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Runs a whole simulation: starts the callers spread evenly over the ramp, lets each call play its
 * script; with a duration, each caller dials again when its call ends until the duration (counted from
 * the first start) is up. Once every call has ended it fetches each call's server trace, so that the
 * simulator's own HTTP and JSON work (and, early in a run, their compilation) never competes with calls
 * still in progress for the CPU it measures them on. Completes with every call's result.
 */
final class CallSimulator {

    /** Server traces fetched at once after the run. */
    static final int TRACE_FETCHES = 8;

    /** Outbound messages a call may queue before the socket takes them (5 s of frames): overflow is an error. */
    static final int OUTBOUND_QUEUE = 256;

    private final CallsOptions options;
    private final SpokenScript script;
    private final CallTransport transport;
    private final TraceClient traces;
    private final Map<Integer, Utterance> backchannels;
    private final LongSupplier nanoTime;

    CallSimulator(CallsOptions options, SpokenScript script, CallTransport transport, TraceClient traces) {
        this(options, script, transport, traces, System::nanoTime);
    }

    /** With {@code nanoTime}, the clock the duration is read on. */
    CallSimulator(CallsOptions options, SpokenScript script, CallTransport transport, TraceClient traces, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.options = options;
        this.backchannels = options.backchannels().spoken(script.script());
        this.script = script;
        this.transport = transport;
        this.traces = traces;
    }

    Mono<List<TracedCall>> run() {
        int callers = options.calls();
        return Mono.fromSupplier(() -> nanoTime.getAsLong() + options.duration().toNanos())
                .flatMapMany(dialUntil -> Flux.range(0, callers)
                        .flatMap(i -> Mono.delay(startOffset(i)).thenMany(callsOfOneCaller(dialUntil)), callers))
                .collectList()
                .flatMapMany(results -> Flux.fromIterable(results)
                        .flatMapSequential(result -> traceOf(result).map(trace -> new TracedCall(result, trace)),
                                TRACE_FETCHES))
                .collectList();
    }

    /** One caller's calls, one after the other: one call, or as many as start before {@code dialUntil} (nanoTime). */
    private Flux<CallResult> callsOfOneCaller(long dialUntil) {
        return oneCall().repeat(() -> nanoTime.getAsLong() < dialUntil);
    }

    private Duration startOffset(int index) {
        return options.ramp().multipliedBy(index).dividedBy(options.calls());
    }

    private Mono<CallResult> oneCall() {
        return Mono.defer(() -> {
            Sinks.Many<WireMessage> outgoing = Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<WireMessage>get(OUTBOUND_QUEUE).get());
            CallSetup setup = new CallSetup(options.from(), options.to(), parameters(), options.secret());
            CallSession session = new CallSession(script.forCall(ThreadLocalRandom.current()), backchannels, options.backchannels().delay(), options.timing(),
                    options.gateway().wire(setup, ThreadLocalRandom.current()), new SinkOutbound(outgoing));
            return transport.run(session, outgoing.asFlux());
        });
    }

    private Mono<Optional<ServerTrace>> traceOf(CallResult result) {
        boolean neverConnected = result.errorCounts().containsKey(ErrorKind.CONNECTION_FAILURE);
        return neverConnected ? Mono.just(Optional.empty()) : traces.fetch(result.callSid());
    }

    /** What the simulated providers read; each gateway wire carries them (and the numbers) its own way. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("lines", options.backchannels().serverLines(script.script()));
        parameters.put("profile", options.profile());
        if (options.jitter() != null) {
            parameters.put("jitter", options.jitter());
        }
        return parameters;
    }

    /**
     * A call's outbound queue. Once the connection has ended its subscription is cancelled and the
     * sink refuses every message: that is the connection closing, not the queue overflowing.
     */
    record SinkOutbound(Sinks.Many<WireMessage> sink) implements CallSession.Outbound {

        @Override
        public Sent send(WireMessage message) {
            return switch (sink.tryEmitNext(message)) {
                case OK -> Sent.QUEUED;
                case FAIL_CANCELLED, FAIL_TERMINATED -> Sent.CONNECTION_CLOSED;
                default -> Sent.QUEUE_FULL;
            };
        }

        @Override
        public void complete() {
            sink.tryEmitComplete();
        }
    }
}
