package io.firstbyte.app.web.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CallTokensTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final CallTokens tokens = new CallTokens(Duration.ofSeconds(60), clock);

    @Test
    void anIssuedTokenIsAcceptedExactlyOnce() {
        String token = tokens.issue();
        assertThat(tokens.consume(token)).isTrue();
        assertThat(tokens.consume(token)).isFalse();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue();
        clock.now = clock.now.plusSeconds(61);
        assertThat(tokens.consume(token)).isFalse();
    }

    @Test
    void unknownOrMissingTokensAreRefused() {
        assertThat(tokens.consume(null)).isFalse();
        assertThat(tokens.consume("0123456789abcdef0123456789abcdef")).isFalse();
    }

    @Test
    void tokensAreUnguessableHex() {
        assertThat(tokens.issue()).matches("[0-9a-f]{32}").isNotEqualTo(tokens.issue());
    }
}
