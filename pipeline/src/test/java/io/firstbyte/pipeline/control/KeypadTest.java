package io.firstbyte.pipeline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Key presses become entries in virtual time: a burst ends after the inter-digit timeout or at '#'. */
class KeypadTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Keys, each {@code gap} after the previous one (the first at once), then nothing more. */
    private static Flux<String> typed(Duration gap, String keys) {
        return Flux.fromArray(keys.split("")).index()
                .concatMap(key -> key.getT1() == 0 ? Mono.just(key.getT2())
                        : Mono.delay(gap, VirtualTimeScheduler.get()).thenReturn(key.getT2()), 1)
                .concatWith(Flux.never());
    }

    private static StepVerifier.FirstStep<KeypadEntry> entries(KeypadPolicy policy, Duration gap, String keys) {
        return StepVerifier.withVirtualTime(() -> new Keypad(policy, VirtualTimeScheduler.get()).entries(typed(gap, keys)));
    }

    @Test
    void aNumberTypedWithShortPausesArrivesAsOneEntryAfterTheInterDigitTimeout() {
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(400), "0171234567")
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(9 * 400 + 1_499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new KeypadEntry.Digits("0171234567"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void hashEndsTheEntryAtOnceAndIsNotPartOfIt() {
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(300), "42#")
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(599))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new KeypadEntry.Digits("42"))
                .expectNoEvent(Duration.ofSeconds(5))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aPauseLongerThanTheTimeoutStartsANewEntry() {
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(2_000), "12")
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1_500))
                .expectNext(new KeypadEntry.Digits("1"))
                .thenAwait(Duration.ofMillis(2_000))
                .expectNext(new KeypadEntry.Digits("2"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void theHumanKeyAloneAsksForAPersonButInsideANumberIsJustADigit() {
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(2_000), "00")
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1_500))
                .expectNext(new KeypadEntry.HumanRequested("0"))
                .thenCancel()
                .verify(WAIT);
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(100), "0#")
                .expectSubscription()
                .thenAwait(Duration.ofMillis(100))
                .expectNext(new KeypadEntry.HumanRequested("0"))
                .thenCancel()
                .verify(WAIT);
        entries(KeypadPolicy.DEFAULTS, Duration.ofMillis(100), "00")
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1_600))
                .expectNext(new KeypadEntry.Digits("00"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void withoutAHumanKeyEveryEntryIsDigits() {
        entries(new KeypadPolicy(Duration.ofMillis(1_500), ""), Duration.ofMillis(100), "0")
                .expectSubscription()
                .thenAwait(Duration.ofMillis(1_500))
                .expectNext(new KeypadEntry.Digits("0"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void whatIsNotAKeyIsIgnoredAndAnEntryHoldsAtMostThirtyTwoKeys() {
        StepVerifier.withVirtualTime(() -> new Keypad(KeypadPolicy.DEFAULTS, VirtualTimeScheduler.get())
                        .entries(Flux.just("x", "12", "", "5").concatWith(Flux.fromArray("1234567890".repeat(4).split("")))
                                .concatWith(Flux.never())))
                .expectSubscription()
                .expectNext(new KeypadEntry.Digits("5" + "1234567890".repeat(4).substring(0, 31)))
                .thenAwait(Duration.ofMillis(1_500))
                .expectNext(new KeypadEntry.Digits("234567890"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void theModelIsToldWhatWasTypedAndLogsAreNot() {
        assertThat(new KeypadEntry.Digits("0171234567").forModel()).isEqualTo("The caller typed on the keypad: 0171234567");
        assertThat(new KeypadEntry.HumanRequested("0").forModel()).isEqualTo("The caller pressed 0 to speak to a person.");
        assertThat(new KeypadEntry.Digits("0171234567").toString()).doesNotContain("1234");
    }

    @Test
    void theHumanKeyMustBeOneKeyThatIsNotTheEndKey() {
        assertThatThrownBy(() -> new KeypadPolicy(Duration.ofMillis(1_500), "#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeypadPolicy(Duration.ofMillis(1_500), "00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new KeypadPolicy(Duration.ofMillis(1_500), "*").humanKey()).isEqualTo("*");
    }
}
