package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dial plan's registrations, by AudioSocket UUID: taken once, bounded in time and number. */
class AudioSocketCallDirectoryTest {

    private final MutableClock clock = new MutableClock();
    private final AudioSocketCallDirectory directory = new AudioSocketCallDirectory(clock, Duration.ofSeconds(30), 2);

    @Test
    void aRegistrationIsTakenOnce() {
        UUID call = UUID.randomUUID();
        directory.register(call, Map.of("From", "+1", "To", "+2"));

        assertThat(directory.apply(call)).containsEntry("To", "+2");
        assertThat(directory.apply(call)).isEmpty();
    }

    @Test
    void aRegistrationExpires() {
        UUID call = UUID.randomUUID();
        directory.register(call, Map.of("To", "+2"));

        clock.advance(Duration.ofSeconds(30));

        assertThat(directory.apply(call)).isEmpty();
        assertThat(directory.size()).isZero();
    }

    @Test
    void beyondCapacityTheOldestRegistrationGoes() {
        UUID first = UUID.randomUUID();
        directory.register(first, Map.of("To", "+1"));
        directory.register(UUID.randomUUID(), Map.of("To", "+2"));
        directory.register(UUID.randomUUID(), Map.of("To", "+3"));

        assertThat(directory.size()).isEqualTo(2);
        assertThat(directory.apply(first)).isEmpty();
    }

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-06-05T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
