package io.firstbyte.pipeline.control;

import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Gathers the caller's key presses into entries ({@link KeypadPolicy}): a burst of keys ends after
 * the inter-digit timeout or at {@code #} (which is not part of it), so a number typed on the
 * keypad arrives as one entry. At most {@value #MAX_KEYS} keys make one entry; anything that is not
 * a DTMF key is ignored. Costs one timer per pending burst.
 */
public final class Keypad {

    static final int MAX_KEYS = 32;

    private final KeypadPolicy policy;
    private final Scheduler scheduler;

    public Keypad(KeypadPolicy policy, Scheduler scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /** Whether {@code key} is one of the sixteen DTMF keys. */
    public static boolean isKey(char key) {
        return key >= '0' && key <= '9' || key == '*' || key == '#' || key >= 'A' && key <= 'D';
    }

    /** The entries typed as {@code keys} (one key per element, as gateways report them) arrive. */
    public Flux<KeypadEntry> entries(Flux<String> keys) {
        return Flux.defer(() -> {
            AtomicReference<String> typed = new AtomicReference<>("");
            return keys.filter(key -> key.length() == 1 && isKey(key.charAt(0)))
                    .switchMap(key -> {
                        boolean ends = key.equals("#") || typed.updateAndGet(burst -> burst + key).length() >= MAX_KEYS;
                        Mono<String> burst = Mono.fromSupplier(() -> typed.getAndSet(""));
                        return (ends ? burst : Mono.delay(policy.interDigitTimeout(), scheduler).then(burst))
                                .filter(entry -> !entry.isEmpty());
                    }, 1)
                    .map(this::entry);
        });
    }

    private KeypadEntry entry(String keys) {
        return keys.equals(policy.humanKey()) ? new KeypadEntry.HumanRequested(keys) : new KeypadEntry.Digits(keys);
    }
}
