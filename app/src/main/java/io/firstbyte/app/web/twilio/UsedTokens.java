package io.firstbyte.app.web.twilio;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Remembers which call tokens were used, for as long as each could still be valid. */
@FunctionalInterface
public interface UsedTokens {

    /** True the first time {@code id} is seen within {@code lifetime}, false for every later use. */
    Mono<Boolean> firstUse(String id, Duration lifetime);
}
