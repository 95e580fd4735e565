package io.firstbyte.pipeline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** BlockHound is installed in every test run, so a blocking call on a non-blocking thread fails loudly. */
class BlockHoundActiveTest {

    @Test
    void sleepingOnAParallelSchedulerThreadFailsWithBlockingOperationError() {
        Mono<Long> sleeper = Mono.delay(Duration.ofMillis(1))
                .publishOn(Schedulers.parallel())
                .doOnNext(tick -> sleep());

        StepVerifier.create(sleeper)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BlockingOperationError.class)
                        .hasMessageContaining("Thread.sleep"))
                .verify(Duration.ofSeconds(10));
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
