package io.firstbyte.app.call;

import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Per-turn traces of the most recent calls, bounded by count, with what is known of each call (its
 * tenant, gateway, providers, start, end and why it ended), so a load client can read the server's
 * view of each turn after a call and the operator console can show it while it happens. Every change
 * is also told to {@link #changes()} watchers, best effort: a watcher that does not keep up misses
 * changes (it reads the trace again), and nobody watching costs nothing.
 */
public final class RecentTraces {

    /**
     * One turn as reported over HTTP; times in milliseconds, -1 where a milestone did not happen.
     * {@code agentText} is what the caller heard of the answer, all of it unless {@code interrupted}. With
     * {@code speculated} the answer started before the turn ended (when its model's first token or first
     * audio came before the turn's end, those stages read -1); {@code speculationsDiscarded} answers
     * were started and discarded during the turn, costing {@code wastedModelRequests} requests.
     * {@code sttFinalMs}, {@code turnEndMs} and {@code ttfbMs} (the first frame sent) count from the
     * caller's speech end; {@code modelFirstTokenMs}, {@code firstClauseMs} (the first clause to the voice),
     * {@code ttsFirstByteMs}, {@code modelEndMs} and each tool's start from the turn's end.
     * {@code at}: when the caller's speech ended (or the turn did, without speech), on the wall clock.
     * {@code overheadMs} is the server's own share of the TTFB, never negative.
     */
    public record TurnReport(int turn, String transcript, String agentText, double ttfbMs, double simulatedDelayMs, double overheadMs,
                             double sttFinalMs, double modelFirstTokenMs, double ttsFirstByteMs, int toolCalls,
                             List<ToolReport> tools, boolean interrupted, boolean speculated, int speculationsDiscarded,
                             int wastedModelRequests, Instant at, double turnEndMs, double firstClauseMs, double modelEndMs) {

        static TurnReport of(TurnTrace trace, Instant at) {
            double ttfb = millis(trace.ttfbNanos());
            double simulated = trace.simulatedDelayNanos() / 1e6;
            return new TurnReport(trace.turn(), trace.transcript(), trace.agentText(), ttfb, simulated,
                    ttfb < 0 ? -1 : Math.max(0, ttfb - simulated),
                    millis(trace.between(trace.speechEnd(), trace.sttFinal())),
                    millis(trace.between(trace.turnEnded(), trace.modelFirstToken())),
                    millis(trace.between(trace.turnEnded(), trace.ttsFirstByte())),
                    trace.tools().size(),
                    trace.tools().stream().map(span -> new ToolReport(span.name(),
                            millis(trace.between(trace.turnEnded(), span.start())),
                            millis(trace.between(span.start(), span.end())), span.arguments(), span.result())).toList(),
                    trace.interrupted(), trace.speculation().used(), trace.speculation().discarded(),
                    trace.speculation().wastedModelRequests(), at,
                    millis(trace.between(trace.speechEnd(), trace.turnEnded())),
                    millis(trace.between(trace.turnEnded(), trace.firstClause())),
                    millis(trace.between(trace.turnEnded(), trace.modelEnd())));
        }

        private static double millis(long nanos) {
            return nanos < 0 ? -1 : nanos / 1e6;
        }
    }

    /**
     * One tool call of a turn: when it started (from the turn's end) and how long it ran, in
     * milliseconds (-1 while it ran when the turn ended), with the model's arguments and its result (JSON text).
     */
    public record ToolReport(String name, double startMs, double durationMs, String arguments, String result) {
    }

    /** The first provider of each stage the call used. */
    public record Providers(String stt, String llm, String tts) {
    }

    /**
     * One recent call: the caller's number masked; {@code tenant} its tenant's id (null before or without one);
     * {@code endedAt} and {@code endReason} null while it runs.
     */
    public record CallTrace(String callSid, String caller, String dialled, String gateway, @Nullable String tenant,
                            @Nullable Providers providers, @Nullable Instant startedAt, @Nullable Instant endedAt,
                            @Nullable String endReason, List<TurnReport> turns) {

        public CallTrace {
            turns = List.copyOf(turns);
        }
    }

    /** What changed in a call, for watchers: it started, a turn ended, or it ended. */
    public sealed interface Change {

        String callSid();

        record Started(String callSid, CallTrace call) implements Change {
        }

        record Turn(String callSid, TurnReport turn) implements Change {
        }

        record Ended(String callSid, String endReason, Instant endedAt) implements Change {
        }
    }

    private static final class Entry {
        String caller = "";
        String dialled = "";
        String gateway = "unknown";
        @Nullable String tenant;
        @Nullable Providers providers;
        @Nullable Instant startedAt;
        @Nullable Instant endedAt;
        @Nullable String endReason;
        final List<TurnReport> turns = new ArrayList<>();

        CallTrace trace(String callSid) {
            return new CallTrace(callSid, caller, dialled, gateway, tenant, providers, startedAt, endedAt, endReason, turns);
        }
    }

    private final int capacity;
    private final LongSupplier callClock;
    private final Clock wallClock;
    private final Map<String, Entry> calls;
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();

    /** On the pipeline's clock ({@link Schedulers#parallel()}) and the system's wall clock. */
    public RecentTraces(int capacity) {
        this(capacity, () -> Schedulers.parallel().now(TimeUnit.NANOSECONDS), Clock.systemUTC());
    }

    /** {@code callClock}: the clock of the turns' timestamps (nanoseconds), read with {@code wallClock} to date them. */
    public RecentTraces(int capacity, LongSupplier callClock, Clock wallClock) {
        this.capacity = capacity;
        this.callClock = callClock;
        this.wallClock = wallClock;
        this.calls = new LinkedHashMap<>(capacity, 0.75f, false);
    }

    /** A call began (its caller's number already masked). */
    public synchronized void started(String callId, String maskedCaller, String dialled, String gateway) {
        Entry entry = entry(callId);
        entry.caller = maskedCaller;
        entry.dialled = dialled;
        entry.gateway = gateway;
        entry.startedAt = wallClock.instant();
        emit(new Change.Started(callId, entry.trace(callId)));
    }

    /** The call's tenant (null: none answers on its number) and providers are known. */
    public synchronized void resolved(String callId, @Nullable String tenant, Providers providers) {
        Entry entry = entry(callId);
        entry.tenant = tenant;
        entry.providers = providers;
    }

    public synchronized void record(String callId, TurnTrace trace) {
        long start = trace.speechEnd() >= 0 ? trace.speechEnd() : trace.turnEnded();
        Instant at = wallClock.instant().minusNanos(Math.max(0, callClock.getAsLong() - start));
        TurnReport report = TurnReport.of(trace, at);
        entry(callId).turns.add(report);
        emit(new Change.Turn(callId, report));
    }

    public synchronized void ended(String callId, String reason) {
        Entry entry = entry(callId);
        entry.endedAt = wallClock.instant();
        entry.endReason = reason;
        emit(new Change.Ended(callId, reason, entry.endedAt));
    }

    public synchronized Optional<List<TurnReport>> turns(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(entry -> List.copyOf(entry.turns));
    }

    public synchronized Optional<CallTrace> call(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(entry -> entry.trace(callId));
    }

    /**
     * Every change from now on, as it happens, on the thread that made it: a watcher hands them
     * off at once (its own bounded buffer); one that has no demand when a change comes misses it.
     */
    public Flux<Change> changes() {
        return changes.asFlux();
    }

    /** How many watch {@link #changes()} now. */
    public int watchers() {
        return changes.currentSubscriberCount();
    }

    private Entry entry(String callId) {
        Entry entry = calls.computeIfAbsent(callId, id -> new Entry());
        while (calls.size() > capacity) {
            calls.remove(calls.keySet().iterator().next());
        }
        return entry;
    }

    /** Under this object's lock, so emissions are serialised. */
    private void emit(Change change) {
        changes.tryEmitNext(change);
    }
}
