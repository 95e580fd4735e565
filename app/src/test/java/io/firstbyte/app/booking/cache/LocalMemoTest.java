package io.firstbyte.app.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class LocalMemoTest {

    @Test
    void aValueIsLookedUpOnceWhileItIsFresh() {
        LocalMemo<String, Integer> memo = new LocalMemo<>(Duration.ofMinutes(1), 10);
        AtomicInteger lookups = new AtomicInteger();

        memo.get("a", k -> Mono.fromCallable(lookups::incrementAndGet)).block();
        memo.get("a", k -> Mono.fromCallable(lookups::incrementAndGet)).block();

        assertThat(lookups).hasValue(1);
    }

    @Test
    void anExpiredValueIsLookedUpAgain() {
        LocalMemo<String, Integer> memo = new LocalMemo<>(Duration.ZERO, 10);
        AtomicInteger lookups = new AtomicInteger();

        memo.get("a", k -> Mono.fromCallable(lookups::incrementAndGet)).block();
        memo.get("a", k -> Mono.fromCallable(lookups::incrementAndGet)).block();

        assertThat(lookups).hasValue(2);
    }

    @Test
    void emptyAnswersAndErrorsAreNotKept() {
        LocalMemo<String, Integer> memo = new LocalMemo<>(Duration.ofMinutes(1), 10);
        AtomicInteger lookups = new AtomicInteger();

        memo.get("a", k -> Mono.<Integer>empty().doOnSubscribe(s -> lookups.incrementAndGet())).block();
        memo.get("a", k -> Mono.<Integer>error(new IllegalStateException()).doOnSubscribe(s -> lookups.incrementAndGet()))
                .onErrorResume(e -> Mono.empty()).block();
        Integer value = memo.get("a", k -> Mono.just(7).doOnSubscribe(s -> lookups.incrementAndGet())).block();

        assertThat(value).isEqualTo(7);
        assertThat(lookups).hasValue(3);
    }
}
