package io.firstbyte.app.booking.rules;

import java.time.Duration;
import java.util.UUID;

/** A service a tenant offers: how long it takes and how much time it blocks around it. */
public record ServiceInfo(UUID id, String name, int minutes, int bufferBeforeMinutes, int bufferAfterMinutes,
                          int priceCents) {

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }
}
