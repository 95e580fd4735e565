package io.firstbyte.app.observability;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.contextpropagation.ObservationAwareSpanThreadLocalAccessor;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;

/**
 * Calls traced through Micrometer Tracing (bridged to OpenTelemetry): a root span per call, and
 * when a turn is traced, its span with children for speech-to-text (speech end to final
 * transcript), the model (to its end, with its first token as an event), each tool call and the
 * voice (first clause to first byte), all built afterwards from the turn's timestamps, so the call
 * path itself never touches the tracer. Timestamps of the call's clock ({@code callClock}, the
 * pipeline scheduler's) are placed on the wall clock when the turn is traced.
 */
public final class SpanCallTracing implements CallTracing {

    private final Tracer tracer;
    private final LongSupplier callClock;
    private final Clock wallClock;

    public SpanCallTracing(Tracer tracer, LongSupplier callClock, Clock wallClock) {
        this.tracer = tracer;
        this.callClock = callClock;
        this.wallClock = wallClock;
    }

    @Override
    public TracedCall start(CallContext call, String gateway) {
        Span span = tracer.spanBuilder().setNoParent().name("call").kind(Span.Kind.SERVER)
                .tag("firstbyte.call_id", call.callId()).tag("firstbyte.gateway", gateway).start();
        return new Traced(span);
    }

    private final class Traced implements TracedCall {

        private final Span call;
        private final AtomicInteger bargeIns = new AtomicInteger();
        private volatile @Nullable CallLabels labels;

        Traced(Span call) {
            this.call = call;
        }

        @Override
        public void resolved(CallLabels resolved, @Nullable String tenantId) {
            labels = resolved;
            call.tag("firstbyte.tenant", tenantId == null ? TenantLabels.NONE : tenantId)
                    .tag("firstbyte.provider.stt", resolved.stt()).tag("firstbyte.provider.llm", resolved.llm())
                    .tag("firstbyte.provider.tts", resolved.tts());
        }

        @Override
        public CallObserver observer() {
            return new CallObserver() {
                @Override
                public void turnTraced(TurnTrace trace) {
                    turn(trace);
                }

                @Override
                public void bargeInHeard(long nanos) {
                    bargeIns.incrementAndGet();
                    call.event("barge-in, agent stopped " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms after the caller began");
                }

                @Override
                public void stageFailed(String stage, Throwable error) {
                    call.event(stage + " failed: " + error.getClass().getSimpleName());
                }
            };
        }

        @Override
        public void ended(String reason) {
            call.tag("firstbyte.end_reason", reason).tag("firstbyte.barge_ins", bargeIns.get()).end();
        }

        @Override
        public void log(Runnable logLine) {
            try (Tracer.SpanInScope ignored = tracer.withSpan(call)) {
                logLine.run();
            }
        }

        @Override
        public Context propagate(Context context) {
            return context.put(ObservationAwareSpanThreadLocalAccessor.KEY, call);
        }

        private void turn(TurnTrace trace) {
            Instant now = wallClock.instant();
            long offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - callClock.getAsLong();
            TurnSpans spans = new TurnSpans(trace, offset);
            CallLabels callLabels = labels == null ? CallLabels.unresolved("unknown") : labels;
            Span turn = spans.open("turn", call, spans.start())
                    .tag("firstbyte.turn", trace.turn()).tag("firstbyte.interrupted", trace.interrupted())
                    .tag("firstbyte.tenant", callLabels.tenant()).tag("firstbyte.gateway", callLabels.gateway())
                    .tag("firstbyte.tool_calls", trace.tools().size());
            if (trace.ttfbNanos() >= 0) {
                turn.tag("firstbyte.ttfb_ms", trace.ttfbNanos() / 1e6)
                        .tag("firstbyte.overhead_ms", Math.max(0, trace.ttfbNanos() - trace.simulatedDelayNanos()) / 1e6);
            }
            spans.child(turn, "stt", trace.speechEnd(), trace.sttFinal(), stt -> stt.tag("firstbyte.provider", callLabels.stt()));
            long modelEnd = trace.modelEnd() >= 0 ? trace.modelEnd() : trace.modelFirstToken();
            spans.child(turn, "llm", trace.turnEnded(), modelEnd, model -> {
                model.tag("firstbyte.provider", callLabels.llm()).tag("firstbyte.finished", trace.modelEnd() >= 0);
                if (trace.modelFirstToken() >= 0) {
                    model.event("first token", spans.epoch(trace.modelFirstToken()), TimeUnit.NANOSECONDS)
                            .tag("firstbyte.first_token_ms", trace.between(trace.turnEnded(), trace.modelFirstToken()) / 1e6);
                }
            });
            for (TurnTrace.ToolSpan tool : trace.tools()) {
                spans.child(turn, "tool " + tool.name(), tool.start(), tool.end() >= 0 ? tool.end() : spans.end(),
                        span -> span.tag("firstbyte.tool", tool.name()).tag("firstbyte.finished", tool.end() >= 0));
            }
            long voiceStart = trace.firstClause() >= 0 ? trace.firstClause() : trace.modelFirstToken();
            spans.child(turn, "tts", voiceStart, trace.ttsFirstByte(), tts -> tts.tag("firstbyte.provider", callLabels.tts()));
            turn.end(spans.epoch(spans.end()), TimeUnit.NANOSECONDS);
        }
    }

    /** One turn's spans, on the wall clock ({@code offset} from the call's clock). */
    private final class TurnSpans {

        private final TurnTrace trace;
        private final long offset;

        TurnSpans(TurnTrace trace, long offset) {
            this.trace = trace;
            this.offset = offset;
        }

        long epoch(long callTime) {
            return callTime + offset;
        }

        /** The caller's speech end, else the first milestone the turn has. */
        long start() {
            for (long at : new long[] {trace.speechEnd(), trace.sttFinal(), trace.turnEnded()}) {
                if (at >= 0) {
                    return at;
                }
            }
            return callClock.getAsLong();
        }

        /** The latest milestone of the turn. */
        long end() {
            long end = Math.max(start(), Math.max(trace.firstOutboundFrame(), Math.max(trace.modelEnd(), trace.ttsFirstByte())));
            for (TurnTrace.ToolSpan tool : trace.tools()) {
                end = Math.max(end, tool.end());
            }
            return Math.max(end, trace.modelFirstToken());
        }

        Span open(String name, Span parent, long start) {
            return tracer.spanBuilder().setParent(parent.context()).name(name)
                    .startTimestamp(epoch(start), TimeUnit.NANOSECONDS).start();
        }

        /** A child span from {@code start} to {@code end}, described by {@code details}; none when either did not happen. */
        void child(Span parent, String name, long start, long end, Consumer<Span> details) {
            if (start < 0 || end < 0) {
                return;
            }
            Span span = open(name, parent, start);
            details.accept(span);
            span.end(epoch(Math.max(start, end)), TimeUnit.NANOSECONDS);
        }
    }
}
