package io.firstbyte.app.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class CoalescerTest {

    @Test
    void concurrentCallersOfOneKeyShareOneLookup() {
        Coalescer<String, Integer> coalescer = new Coalescer<>();
        AtomicInteger lookups = new AtomicInteger();
        Sinks.One<Integer> result = Sinks.one();

        var all = Flux.range(0, 10).flatMap(i -> coalescer.run("day", () -> {
            lookups.incrementAndGet();
            return result.asMono();
        })).collectList().toFuture();
        result.tryEmitValue(7);

        assertThat(all.join()).hasSize(10).containsOnly(7);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aCompletedLookupIsNotRememberedSoTheNextCallerLooksAgain() {
        Coalescer<String, Integer> coalescer = new Coalescer<>();
        AtomicInteger lookups = new AtomicInteger();

        coalescer.run("day", () -> Mono.fromCallable(lookups::incrementAndGet)).block();
        coalescer.run("day", () -> Mono.fromCallable(lookups::incrementAndGet)).block();

        assertThat(lookups).hasValue(2);
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void differentKeysDoNotShare() {
        Coalescer<String, Integer> coalescer = new Coalescer<>();
        AtomicInteger lookups = new AtomicInteger();

        Flux.just("a", "b").flatMap(key -> coalescer.run(key, () -> Mono.fromCallable(lookups::incrementAndGet))).blockLast();

        assertThat(lookups).hasValue(2);
    }
}
