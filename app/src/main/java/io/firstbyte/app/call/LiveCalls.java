package io.firstbyte.app.call;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.Disposable;

/**
 * The calls this server holds right now. Each entry lives exactly as long as its media
 * connection; {@link #hangUp} disposes a call's whole subscription graph.
 */
public final class LiveCalls {

    /** What the live-calls page shows of one call; the caller's number is masked. */
    public record LiveCall(String callId, String streamId, String caller, String dialled, Instant startedAt) {
    }

    private record Entry(LiveCall call, Disposable graph) {
    }

    private final Map<String, Entry> calls = new ConcurrentHashMap<>();

    public void started(CallContext context, Disposable graph) {
        calls.put(context.callId(), new Entry(new LiveCall(context.callId(), context.streamId(),
                CallContext.mask(context.from()), context.to(), Instant.now()), graph));
    }

    public void ended(String callId) {
        calls.remove(callId);
    }

    public boolean hangUp(String callId) {
        Entry entry = calls.remove(callId);
        if (entry == null) {
            return false;
        }
        entry.graph().dispose();
        return true;
    }

    public int count() {
        return calls.size();
    }

    public List<LiveCall> list() {
        Collection<Entry> entries = calls.values();
        return entries.stream().map(Entry::call).toList();
    }
}
