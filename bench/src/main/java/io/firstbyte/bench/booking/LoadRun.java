package io.firstbyte.bench.booking;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: {@code concurrency} clients, each sending its next request as soon as the
 * previous answer arrived, for a fixed number of requests or until a deadline. Bounded in count and time.
 */
final class LoadRun {

    /** One request to send: method, path, API key. */
    record Request(HttpMethod method, String path, String apiKey) {
    }

    private final BookingApiClient client;

    LoadRun(BookingApiClient client) {
        this.client = client;
    }

    /** Runs until {@code duration} passes or {@code maxRequests} were sent; {@code next} gives request n. */
    LatencyStats run(String scenario, int concurrency, Duration duration, int maxRequests, IntFunction<Request> next) {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger issued = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        Flux.range(0, concurrency)
                .flatMap(worker -> Mono.defer(() -> {
                            int n = issued.getAndIncrement();
                            if (n >= maxRequests || System.nanoTime() > deadline) {
                                return Mono.just(false);
                            }
                            Request request = next.apply(n);
                            long begun = System.nanoTime();
                            return client.send(request.method(), request.path(), request.apiKey())
                                    .doOnNext(answer -> {
                                        latencies.add((System.nanoTime() - begun) / 1000);
                                        if (answer.status() >= 300) {
                                            errors.incrementAndGet();
                                        }
                                    })
                                    .onErrorResume(error -> {
                                        System.err.println("failed after " + (System.nanoTime() - begun) / 1_000_000
                                                + " ms: " + request.method() + " " + request.path() + ": " + error);
                                        errors.incrementAndGet();
                                        return Mono.empty();
                                    })
                                    .thenReturn(true);
                        })
                        .repeat()
                        .takeUntil(more -> !more), concurrency)
                .blockLast(duration.plusSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        return LatencyStats.of(scenario, concurrency, latencies.stream().mapToLong(Long::longValue).toArray(),
                errors.get(), seconds);
    }
}
