package io.firstbyte.app.capacity;

import io.firstbyte.app.call.StartGate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.Disposable;

/**
 * Whether this instance takes a new call: not while it drains, and not past its cap. Entry points
 * ask {@link #refusal()} before they accept a call (the Twilio webhook, media upgrades, AudioSocket
 * registrations) and refuse it their own way; a starting call takes its place with {@link #tryStart()},
 * which holds the cap exactly, also when several calls arrive for the last place at once. Refusals
 * are counted in {@code firstbyte.calls.refused{reason=cap|drain}}; the cap is the gauge
 * {@code firstbyte.calls.capacity}.
 */
public final class CallAdmission implements StartGate {

    /** Why a call was refused. */
    public enum Refusal {
        /** The instance holds as many calls as it may. */
        CAP("cap"),
        /** The instance is shutting down. */
        DRAIN("drain");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final int capacity;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    public CallAdmission(int capacity, MeterRegistry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the call cap must be at least 1");
        }
        this.capacity = capacity;
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("firstbyte.calls.refused").tag("reason", reason.tag())
                    .description("New calls this instance refused: over its cap, or while draining").register(registry));
        }
        Gauge.builder("firstbyte.calls.capacity", this, CallAdmission::capacity)
                .description("The most concurrent calls this instance takes (FIRSTBYTE_MAX_CALLS)").register(registry);
    }

    /** Why a new call would be refused now; empty when it would be taken. */
    public Optional<Refusal> refusal() {
        if (draining.get()) {
            return Optional.of(Refusal.DRAIN);
        }
        return calls.get() >= capacity ? Optional.of(Refusal.CAP) : Optional.empty();
    }

    /** An entry point refused a call for {@code reason}. */
    public void refused(Refusal reason) {
        refused.get(reason).increment();
    }

    /**
     * A call is starting: its place, to dispose when it ends; empty (and counted) when the instance
     * is full. Draining does not refuse here: a connection accepted before the drain began carries
     * a caller who is already on the line.
     */
    @Override
    public Optional<Disposable> tryStart() {
        int now;
        do {
            now = calls.get();
            if (now >= capacity) {
                refused(Refusal.CAP);
                return Optional.empty();
            }
        } while (!calls.compareAndSet(now, now + 1));
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(new Disposable() {
            @Override
            public void dispose() {
                if (released.compareAndSet(false, true)) {
                    calls.decrementAndGet();
                }
            }

            @Override
            public boolean isDisposed() {
                return released.get();
            }
        });
    }

    /** From now on every new call is refused; returns false when the drain had already begun. */
    public boolean drain() {
        return draining.compareAndSet(false, true);
    }

    /** New calls are taken again (the application started again after a stop); returns false when it was not draining. */
    public boolean reopen() {
        return draining.compareAndSet(true, false);
    }

    public boolean draining() {
        return draining.get();
    }

    public int capacity() {
        return capacity;
    }

    /** Calls holding a place now. */
    public int calls() {
        return calls.get();
    }
}
