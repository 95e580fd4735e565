package io.firstbyte.app.observability;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The call path's meters: calls started and ended (by reason), active calls, time to first byte per
 * turn and its stage breakdown, server overhead, barge-ins and how long the agent talked over the
 * caller, outbound frames (and late ones), dropped inbound messages by kind, callers who asked for a
 * person, speculative answers (released or discarded) and what the discarded ones cost in model
 * requests and output tokens. Call meters carry the bounded {@code tenant} label and the
 * {@code gateway}; stage meters the stage's {@code provider}.
 */
public final class CallMetrics {

    /** Tenants with their own label, the rest being {@code other}. */
    public static final int DEFAULT_TENANT_LABELS = 20;

    private final MeterRegistry registry;
    private final TenantLabels tenants;
    private final Function<CallContext, @Nullable ProviderSelection> providers;
    private final Timer clearLatency;
    private final Counter frames;
    private final Counter humanRequests;
    private final Counter speculationHits;
    private final Counter speculationsDiscarded;
    private final Counter wastedRequests;
    private final Counter wastedTokens;

    public CallMetrics(MeterRegistry registry, LiveCalls calls) {
        this(registry, calls, DEFAULT_TENANT_LABELS, call -> null);
    }

    public CallMetrics(MeterRegistry registry, LiveCalls calls, int tenantLabels,
                       Function<CallContext, @Nullable ProviderSelection> providers) {
        this.registry = registry;
        this.tenants = new TenantLabels(tenantLabels, this::forgetTenant);
        this.providers = providers;
        this.clearLatency = Timer.builder("firstbyte.bargein.clear")
                .description("Server-internal hop of a barge-in: the interruption decision (speech judged not a backchannel, or a key pressed) to the interruption sent")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        this.frames = Counter.builder("firstbyte.outbound.frames").description("Outbound 20 ms frames").register(registry);
        this.humanRequests = Counter.builder("firstbyte.calls.human.requested")
                .description("Callers who pressed the key that asks for a person").register(registry);
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

    /** The labels of a call whose tenant was resolved (or not); counts it as started. */
    public CallLabels labels(CallContext resolved, String gateway) {
        String tenant = tenants.called(resolved.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class));
        ProviderSelection chosen = providers.apply(resolved);
        CallLabels labels = chosen == null
                ? new CallLabels(tenant, gateway, "unknown", "unknown", "unknown")
                : new CallLabels(tenant, gateway, first(chosen.stt()), first(chosen.llm()), first(chosen.tts()));
        Counter.builder("firstbyte.calls.started").description("Calls whose tenant was looked up")
                .tags(labels.tenantAndGateway()).register(registry).increment();
        // Spring closes the registry when shutdown begins, before the drain ends calls; a counter first
        // registered then would be a no-op, so the drain's own is registered while the call starts.
        Counter.builder("firstbyte.calls.ended").description("Calls ended, by reason")
                .tags(labels.tenantAndGateway()).tag("reason", "drain").register(registry);
        return labels;
    }

    /** A call ended; {@code kind} is one of a closed set (caller, operator, inbound-silence, max-duration, failure…). */
    public void callEnded(CallLabels labels, String kind) {
        Counter.builder("firstbyte.calls.ended").description("Calls ended, by reason")
                .tags(labels.tenantAndGateway()).tag("reason", kind).register(registry).increment();
    }

    public void dropped(String dialect, String kind) {
        registry.counter("firstbyte.inbound.dropped", "dialect", dialect, "kind", kind).increment();
    }

    /** An observer for one call; {@code traced} also receives each turn trace. */
    public CallObserver observer(CallLabels labels, BiConsumer<TurnTrace, CallMetrics> traced) {
        Tags call = labels.tenantAndGateway();
        Counter bargeIns = Counter.builder("firstbyte.bargeins").description("Caller interruptions").tags(call).register(registry);
        Timer talkOver = Timer.builder("firstbyte.bargein.latency")
                .description("Caller's speech onset to the last agent audio sent, on a barge-in")
                .tags(call).publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(2)).register(registry);
        Counter lateFrames = Counter.builder("firstbyte.outbound.late.frames")
                .description("Outbound frames sent after the caller's playback ran dry").tag("gateway", labels.gateway())
                .register(registry);
        // at zero from the start, so a dashboard shows no failure as 0 rather than as no data
        Counter sttFailures = failures("stt", labels);
        Counter ttsFailures = failures("tts", labels);
        return new CallObserver() {
            @Override
            public void turnTraced(TurnTrace trace) {
                record(labels, trace);
                traced.accept(trace, CallMetrics.this);
            }

            @Override
            public void bargeIn(long nanos) {
                bargeIns.increment();
                clearLatency.record(Duration.ofNanos(nanos));
            }

            @Override
            public void bargeInHeard(long nanos) {
                talkOver.record(Duration.ofNanos(nanos));
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
                switch (stage) {
                    case "stt" -> sttFailures.increment();
                    case "tts" -> ttsFailures.increment();
                    default -> failures(stage, labels).increment();
                }
            }

            @Override
            public void humanRequested(String key) {
                humanRequests.increment();
            }
        };
    }

    private Counter failures(String stage, CallLabels labels) {
        return Counter.builder("firstbyte.stage.failures").description("Stages that failed for good in a call")
                .tags("stage", stage, "provider", provider(labels, stage)).register(registry);
    }

    private void record(CallLabels labels, TurnTrace trace) {
        if (trace.ttfbNanos() >= 0) {
            histogram("firstbyte.turn.ttfb", "Caller speech end to first outbound audio frame", labels.tenantAndGateway())
                    .record(Duration.ofNanos(trace.ttfbNanos()));
            histogram("firstbyte.turn.overhead", "Time to first byte minus the simulated providers' deliberate delays",
                    Tags.of("gateway", labels.gateway()))
                    .record(Duration.ofNanos(Math.max(0, trace.ttfbNanos() - trace.simulatedDelayNanos())));
        }
        stage(labels, "stt_final", trace.between(trace.speechEnd(), trace.sttFinal()));
        stage(labels, "model_first_token", trace.between(trace.turnEnded(), trace.modelFirstToken()));
        stage(labels, "tts_first_byte", trace.between(trace.turnEnded(), trace.ttsFirstByte()));
        trace.tools().forEach(tool -> stage(labels, "tool", tool.end() - tool.start()));
        TurnTrace.Speculation speculation = trace.speculation();
        if (speculation.used()) {
            speculationHits.increment();
        }
        speculationsDiscarded.increment(speculation.discarded());
        wastedRequests.increment(speculation.wastedModelRequests());
        wastedTokens.increment(speculation.wastedModelTokens());
    }

    private void stage(CallLabels labels, String stage, long nanos) {
        if (nanos >= 0) {
            histogram("firstbyte.turn.stage", "Time to each stage's first result within a turn",
                    Tags.of("stage", stage, "provider", provider(labels, stage))).record(Duration.ofNanos(nanos));
        }
    }

    private Timer histogram(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    private static String provider(CallLabels labels, String stage) {
        return switch (stage) {
            case "stt", "stt_final" -> labels.stt();
            case "llm", "model_first_token" -> labels.llm();
            case "tts", "tts_first_byte" -> labels.tts();
            default -> "tools";
        };
    }

    /** A tenant fell out of the top: its own series go, its calls count as {@code other} from now on. */
    private void forgetTenant(String tenant) {
        for (String name : List.of("firstbyte.calls.started", "firstbyte.calls.ended", "firstbyte.turn.ttfb",
                "firstbyte.bargeins", "firstbyte.bargein.latency")) {
            List.copyOf(registry.find(name).tag("tenant", tenant).meters()).forEach(registry::remove);
        }
    }

    private static String first(List<String> names) {
        return names.isEmpty() ? "unknown" : names.getFirst();
    }
}
