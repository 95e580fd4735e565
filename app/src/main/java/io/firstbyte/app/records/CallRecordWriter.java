package io.firstbyte.app.records;

import io.micrometer.core.instrument.Counter;
import io.r2dbc.spi.R2dbcException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Writes call records without ever delaying a call: {@link #offer} only puts a record in a bounded
 * in-memory queue (lock-free); every {@code flushEvery} the queue is drained in batches of at most
 * {@code batchSize}, one batch at a time, each within {@code writeTimeout}. A full queue drops the new
 * record, a failed or timed-out batch drops its records; both are counted in
 * {@code firstbyte.callrecords.dropped} (tag {@code reason}: {@code queue_full}, {@code database}) and
 * logged once per episode, and the writer goes on with the next batch.
 */
public final class CallRecordWriter {

    /** Writes one batch of records; any error or a timeout drops the batch. */
    @FunctionalInterface
    public interface Store {
        Mono<Void> insert(List<CallRecord> batch);
    }

    public record Settings(int capacity, int batchSize, Duration flushEvery, Duration writeTimeout) {
    }

    private static final Logger log = LoggerFactory.getLogger(CallRecordWriter.class);

    private final Store store;
    private final Settings settings;
    private final Scheduler scheduler;
    private final Queue<CallRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter written;
    private final Counter droppedFull;
    private final Counter droppedDatabase;
    private final AtomicBoolean fullLogged = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Sinks.One<Boolean> stopRequested = Sinks.one();
    private @Nullable Mono<Void> loop;

    public CallRecordWriter(Store store, Settings settings, Scheduler scheduler, MeterRegistry registry) {
        this.store = store;
        this.settings = settings;
        this.scheduler = scheduler;
        this.written = Counter.builder("firstbyte.callrecords.written").description("Call records written to the database")
                .register(registry);
        this.droppedFull = dropped(registry, "queue_full");
        this.droppedDatabase = dropped(registry, "database");
        registry.gauge("firstbyte.callrecords.queued", queued);
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("firstbyte.callrecords.dropped").tag("reason", reason)
                .description("Call records lost: the queue was full or the database did not take them").register(registry);
    }

    /** Queues a record for writing; false (and counted) when the queue is full. Never blocks. */
    public boolean offer(CallRecord record) {
        if (queued.incrementAndGet() > settings.capacity()) {
            queued.decrementAndGet();
            droppedFull.increment();
            if (fullLogged.compareAndSet(false, true)) {
                log.warn("call records queue full ({} records): dropping new records until it drains", settings.capacity());
            }
            return false;
        }
        queue.offer(record);
        return true;
    }

    public int queued() {
        return queued.get();
    }

    public synchronized void start() {
        if (loop == null) {
            // Stopping ends the ticks, not the batch in flight: concatMap finishes it before the loop completes.
            Mono<Void> running = Flux.interval(settings.flushEvery(), settings.flushEvery(), scheduler)
                    .takeUntilOther(stopRequested.asMono())
                    .onBackpressureDrop()
                    .concatMap(tick -> drain(), 0)
                    .then()
                    .cache();
            running.subscribe();
            loop = running;
        }
    }

    /** Stops the periodic writing and writes what is still queued, within the write timeout. Blocking: for shutdown. */
    public void close() {
        stop(settings.writeTimeout());
    }

    /**
     * Stops the periodic writing: the batch in flight is finished and what is still queued is written
     * now, all within {@code wait}. Blocking: for shutdown.
     */
    public void stop(Duration wait) {
        Mono<Void> running;
        synchronized (this) {
            running = loop == null ? Mono.empty() : loop;
        }
        stopRequested.tryEmitValue(true);
        try {
            running.then(drain()).block(wait);
        } catch (RuntimeException e) {
            log.warn("{} call records were not written before shutdown", queued.get());
        }
    }

    /** Writes batches until the queue is empty. */
    Mono<Void> drain() {
        return Mono.defer(() -> write(take())).repeat(() -> queued.get() > 0).then();
    }

    private List<CallRecord> take() {
        List<CallRecord> batch = new ArrayList<>(Math.min(settings.batchSize(), Math.max(queued.get(), 1)));
        CallRecord record;
        while (batch.size() < settings.batchSize() && (record = queue.poll()) != null) {
            batch.add(record);
        }
        queued.addAndGet(-batch.size());
        if (queued.get() < settings.capacity() / 2) {
            fullLogged.set(false);
        }
        return batch;
    }

    /** The kind of failure only: a database message may quote the values of the row (a caller's number). */
    private static String describe(Throwable error) {
        return error instanceof R2dbcException database && database.getSqlState() != null
                ? error.getClass().getSimpleName() + ", SQL state " + database.getSqlState()
                : error.getClass().getSimpleName();
    }

    private Mono<Void> write(List<CallRecord> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return Mono.defer(() -> store.insert(batch))
                .timeout(settings.writeTimeout(), scheduler)
                .doOnSuccess(done -> {
                    written.increment(batch.size());
                    if (failing.compareAndSet(true, false)) {
                        log.info("call records are written again");
                    }
                })
                .onErrorResume(error -> {
                    droppedDatabase.increment(batch.size());
                    if (failing.compareAndSet(false, true)) {
                        log.warn("call records could not be written ({}); dropping them until the database takes them again",
                                describe(error));
                    }
                    return Mono.empty();
                });
    }
}
