package io.firstbyte.pipeline.testing;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** A tool that answers {@code result} after {@code latency}; counts starts, completions and cancellations. */
public final class ScriptedTool implements Tool {

    private final String name;
    private final String result;
    private final Duration latency;
    private final Scheduler scheduler;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final List<Long> startedAt = new CopyOnWriteArrayList<>();
    private volatile boolean readOnly;
    private volatile @Nullable CallContext lastContext;

    public ScriptedTool(String name, String result, Duration latency, Scheduler scheduler) {
        this.name = name;
        this.result = result;
        this.latency = latency;
        this.scheduler = scheduler;
    }

    /** Marks this tool as one that only reads (it may run for a speculative answer). */
    public ScriptedTool readOnly() {
        readOnly = true;
        return this;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(name, "scripted " + name, "{\"type\":\"object\",\"properties\":{}}", readOnly);
    }

    @Override
    public Mono<String> execute(ToolCall call, CallContext context) {
        lastContext = context;
        return Mono.delay(latency, scheduler)
                .map(tick -> result)
                .doOnSubscribe(s -> {
                    started.incrementAndGet();
                    startedAt.add(scheduler.now(TimeUnit.MILLISECONDS));
                })
                .doOnSuccess(value -> completed.incrementAndGet())
                .doOnCancel(cancelled::incrementAndGet);
    }

    /** The context of the last call, as the tool received it. */
    public @Nullable CallContext lastContext() {
        return lastContext;
    }

    public int started() {
        return started.get();
    }

    /** When each run started, in the scheduler's milliseconds. */
    public List<Long> startedAt() {
        return List.copyOf(startedAt);
    }

    public int completed() {
        return completed.get();
    }

    public int cancelled() {
        return cancelled.get();
    }
}
