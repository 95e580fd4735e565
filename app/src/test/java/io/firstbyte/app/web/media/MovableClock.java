package io.firstbyte.app.web.media;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock a test moves; give it a zone that is no business's, so a prompt built in the clock's zone is caught. */
final class MovableClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    MovableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        MovableClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return self.withZone(again);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now;
    }
}
