package io.firstbyte.app.call;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.control.CallLimit;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import reactor.core.Disposable;

/**
 * The calls this server holds right now. Each entry lives exactly as long as its media
 * connection; {@link #hangUp} disposes a call's whole subscription graph, {@link #endAll} asks every
 * call to say a limit's goodbye and end. A {@link Listener} hears each call start and end.
 */
public final class LiveCalls {

    /** What the live-calls page shows of one call; the caller's number is masked. */
    public record LiveCall(String callId, String streamId, String caller, String dialled, Instant startedAt) {
    }

    /** Told when a call starts and ends (for example to publish it to the other instances). */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void started(LiveCall call) {
            }

            @Override
            public void ended(String callId) {
            }
        };

        void started(LiveCall call);

        void ended(String callId);
    }

    private record Entry(LiveCall call, Disposable graph, Consumer<CallLimit> end) {
    }

    private final Map<String, Entry> calls = new ConcurrentHashMap<>();
    private final Listener listener;

    public LiveCalls() {
        this(Listener.NONE);
    }

    public LiveCalls(Listener listener) {
        this.listener = listener;
    }

    public void started(CallContext context, Disposable graph) {
        started(context, graph, limit -> graph.dispose());
    }

    /** A call started; {@code end} asks it to end politely with a limit's goodbye. */
    public void started(CallContext context, Disposable graph, Consumer<CallLimit> end) {
        LiveCall call = new LiveCall(context.callId(), context.streamId(), CallContext.mask(context.from()), context.to(),
                Instant.now());
        calls.put(context.callId(), new Entry(call, graph, end));
        listener.started(call);
    }

    public void ended(String callId) {
        if (calls.remove(callId) != null) {
            listener.ended(callId);
        }
    }

    public boolean hangUp(String callId) {
        Entry entry = calls.remove(callId);
        if (entry == null) {
            return false;
        }
        listener.ended(callId);
        entry.graph().dispose();
        return true;
    }

    /** Asks every live call to say {@code limit}'s goodbye and end; returns how many were asked. */
    public int endAll(CallLimit limit) {
        List<Entry> asked = List.copyOf(calls.values());
        asked.forEach(entry -> entry.end().accept(limit));
        return asked.size();
    }

    /** Hangs up every live call at once; returns how many there were. */
    public int hangUpAll() {
        List<String> ids = List.copyOf(calls.keySet());
        return (int) ids.stream().filter(this::hangUp).count();
    }

    public int count() {
        return calls.size();
    }

    public List<LiveCall> list() {
        Collection<Entry> entries = calls.values();
        return entries.stream().map(Entry::call).toList();
    }
}
