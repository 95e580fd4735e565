package io.firstbyte.app.web.twilio;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/** Used tokens remembered by this instance only; expired ones are forgotten when the set grows large. */
public final class LocalUsedTokens implements UsedTokens {

    private static final int PURGE_ABOVE = 200_000;

    private final Map<String, Long> used = new ConcurrentHashMap<>();
    private final Clock clock;

    public LocalUsedTokens(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> firstUse(String id, Duration lifetime) {
        return Mono.fromSupplier(() -> record(id, lifetime));
    }

    /** Records {@code id}; true when it was not already recorded. */
    boolean record(String id, Duration lifetime) {
        long now = clock.millis();
        if (used.size() >= PURGE_ABOVE) {
            used.values().removeIf(expiry -> expiry < now);
        }
        return used.putIfAbsent(id, now + lifetime.toMillis()) == null;
    }
}
