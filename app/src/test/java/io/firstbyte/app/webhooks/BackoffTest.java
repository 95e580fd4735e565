package io.firstbyte.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(2), 10);

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::after).map(Duration::toSeconds))
                .containsExactly(10L, 20L, 40L, 80L, 120L, 120L);
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void attemptsRunOutAtTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 3);

        assertThat(backoff.exhausted(2)).isFalse();
        assertThat(backoff.exhausted(3)).isTrue();
    }

    @Test
    void aBackoffThatWouldNeverWaitIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
