package io.firstbyte.app.records;

import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One call's record in the making: started with the call, told its tenant once resolved and each turn
 * once it is over, handed to the writer when the call ends (once; later turns are ignored). Cheap and
 * non-blocking: it runs on the call path. Thread-safe.
 */
public final class CallRecording {

    private final CallContext call;
    private final String gateway;
    private final Clock clock;
    private final Instant startedAt;
    private final Consumer<CallRecord> finished;
    private final List<CallRecord.Turn> turns = new ArrayList<>();
    private @Nullable UUID tenantId;
    private boolean ended;

    CallRecording(CallContext call, String gateway, Clock clock, Consumer<CallRecord> finished) {
        this.call = call;
        this.gateway = gateway;
        this.clock = clock;
        this.startedAt = now(clock);
        this.finished = finished;
    }

    /** A recording that keeps nothing (records are switched off). */
    static CallRecording discarding(CallContext call, String gateway, Clock clock) {
        return new CallRecording(call, gateway, clock, record -> { });
    }

    /** The call's context once its tenant is resolved (none when no tenant answers on the number). */
    public synchronized void resolved(CallContext resolved) {
        tenantId = tenantOf(resolved);
    }

    public synchronized void turn(TurnTrace trace) {
        if (!ended) {
            turns.add(CallRecord.Turn.of(trace));
        }
    }

    /** The call ended for {@code reason}; its record goes to the writer. */
    public void end(String reason) {
        CallRecord record;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            turns.sort(Comparator.comparingInt(CallRecord.Turn::turn));
            record = new CallRecord(randomId(), call.callId(), tenantId, gateway, blankToNull(call.from()),
                    blankToNull(call.to()), startedAt, now(clock), reason, turns);
        }
        finished.accept(record);
    }

    /**
     * A random (version 4) id without {@link UUID#randomUUID()}, whose secure random source may block
     * the event loop reading the system's entropy; record ids are no secrets.
     */
    static UUID randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & 0xFFFFFFFFFFFF0FFFL | 0x4000L, random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    private static @Nullable UUID tenantOf(CallContext call) {
        String id = call.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }

    /** Microseconds, as PostgreSQL keeps them, so a page cursor compares equal to what was stored. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
