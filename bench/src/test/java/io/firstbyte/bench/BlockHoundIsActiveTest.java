package io.firstbyte.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The end-to-end test proves the simulator never blocks an event loop only if BlockHound is watching. */
class BlockHoundIsActiveTest {

    @Test
    void sleepingOnANonBlockingThreadFails() {
        Mono<Void> sleeper = Mono.<Void>fromRunnable(() -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleeper.block(Duration.ofSeconds(20))).hasMessageContaining("Blocking call");
    }
}
