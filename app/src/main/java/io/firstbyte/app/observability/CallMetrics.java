package io.firstbyte.app.observability;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The call path's meters: time to first byte per turn and per stage, server overhead, active
 * calls, calls ended by reason, barge-ins and their clear latency, outbound frames (and late ones),
 * dropped inbound messages by kind, speculative answers (released or discarded) and what the
 * discarded ones cost in model requests and output tokens.
 */
public final class CallMetrics {

    private final MeterRegistry registry;
    private final Timer ttfb;
    private final Timer overhead;
    private final Timer clearLatency;
    private final Counter bargeIns;
    private final Counter frames;
    private final Counter lateFrames;
    private final Counter speculationHits;
    private final Counter speculationsDiscarded;
    private final Counter wastedRequests;
    private final Counter wastedTokens;

    public CallMetrics(MeterRegistry registry, LiveCalls calls) {
        this.registry = registry;
        this.ttfb = histogram("firstbyte.turn.ttfb", "Caller speech end to first outbound audio frame");
        this.overhead = histogram("firstbyte.turn.overhead", "Time to first byte minus the simulated providers' deliberate delays");
        this.clearLatency = histogram("firstbyte.bargein.clear", "Speech-started decision to interruption sent");
        this.bargeIns = Counter.builder("firstbyte.bargeins").description("Caller interruptions").register(registry);
        this.frames = Counter.builder("firstbyte.outbound.frames").description("Outbound 20 ms frames").register(registry);
        this.lateFrames = Counter.builder("firstbyte.outbound.late.frames")
                .description("Outbound frames sent after the caller's playback ran dry").register(registry);
        registry.gauge("firstbyte.calls.active", calls, LiveCalls::count);
        this.speculationHits = speculation("hit", "Turns answered by an answer started before the turn was confirmed");
        this.speculationsDiscarded = speculation("discarded", "Answers started before the turn was confirmed, then discarded");
        this.wastedRequests = Counter.builder("firstbyte.speculation.wasted.requests")
                .description("Model requests made by discarded speculative answers").register(registry);
        this.wastedTokens = Counter.builder("firstbyte.speculation.wasted.tokens")
                .description("Model output tokens (text deltas and tool calls) received by discarded speculative answers")
                .register(registry);
    }

    private Counter speculation(String outcome, String description) {
        return Counter.builder("firstbyte.speculation").tag("outcome", outcome).description(description).register(registry);
    }

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /** A call ended; {@code kind} is one of a closed set (caller, operator, inbound-silence, max-duration, failure…). */
    public void callEnded(String kind) {
        registry.counter("firstbyte.calls.ended", "reason", kind).increment();
    }

    public void dropped(String dialect, String kind) {
        registry.counter("firstbyte.inbound.dropped", "dialect", dialect, "kind", kind).increment();
    }

    /** An observer for one call; {@code traced} also receives each turn trace. */
    public CallObserver observer(BiConsumer<TurnTrace, CallMetrics> traced) {
        return new CallObserver() {
            @Override
            public void turnTraced(TurnTrace trace) {
                record(trace);
                traced.accept(trace, CallMetrics.this);
            }

            @Override
            public void bargeIn(long nanos) {
                bargeIns.increment();
                clearLatency.record(Duration.ofNanos(nanos));
            }

            @Override
            public void lateFrame() {
                lateFrames.increment();
            }

            @Override
            public void outboundFrame() {
                frames.increment();
            }

            @Override
            public void stageFailed(String stage, Throwable error) {
                registry.counter("firstbyte.stage.failures", "stage", stage).increment();
            }
        };
    }

    private void record(TurnTrace trace) {
        if (trace.ttfbNanos() >= 0) {
            ttfb.record(Duration.ofNanos(trace.ttfbNanos()));
            overhead.record(Duration.ofNanos(Math.max(0, trace.ttfbNanos() - trace.simulatedDelayNanos())));
        }
        stage("stt_final", trace.between(trace.speechEnd(), trace.sttFinal()));
        stage("model_first_token", trace.between(trace.turnEnded(), trace.modelFirstToken()));
        stage("tts_first_byte", trace.between(trace.turnEnded(), trace.ttsFirstByte()));
        trace.tools().forEach(tool -> stage("tool", tool.end() - tool.start()));
        TurnTrace.Speculation speculation = trace.speculation();
        if (speculation.used()) {
            speculationHits.increment();
        }
        speculationsDiscarded.increment(speculation.discarded());
        wastedRequests.increment(speculation.wastedModelRequests());
        wastedTokens.increment(speculation.wastedModelTokens());
    }

    private void stage(String stage, long nanos) {
        if (nanos >= 0) {
            Timer.builder("firstbyte.turn.stage").tag("stage", stage).publishPercentileHistogram()
                    .register(registry).record(Duration.ofNanos(nanos));
        }
    }
}
