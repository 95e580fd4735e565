package io.firstbyte.app.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class CoalescerStressTest {

    @Test
    void everyCallerGetsAnAnswerWhenLookupsCompleteOnOtherThreadsWhileCallersArrive() {
        Coalescer<Integer, Integer> coalescer = new Coalescer<>();
        AtomicInteger answered = new AtomicInteger();

        Flux.range(0, 200_000)
                .parallel(4).runOn(Schedulers.parallel())
                .flatMap(i -> coalescer.run(i % 3, () -> Mono.fromCallable(() -> i).subscribeOn(Schedulers.boundedElastic()))
                        .timeout(Duration.ofSeconds(20)))
                .doOnNext(v -> answered.incrementAndGet())
                .sequential()
                .blockLast(Duration.ofSeconds(180));

        assertThat(answered).hasValue(200_000);
    }
}
