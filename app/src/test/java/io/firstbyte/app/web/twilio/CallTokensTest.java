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
    private final CallTokens tokens = new CallTokens("twilio-auth-token", Duration.ofSeconds(60), clock);

    @Test
    void anIssuedTokenIsAcceptedExactlyOnce() {
        String token = tokens.issue("CA1");
        assertThat(tokens.consume(token, "CA1")).isTrue();
        assertThat(tokens.consume(token, "CA1")).isFalse();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue("CA1");
        clock.now = clock.now.plusSeconds(61);
        assertThat(tokens.consume(token, "CA1")).isFalse();
    }

    @Test
    void aTokenIssuedForAnotherCallIsRefused() {
        String token = tokens.issue("CA1");
        assertThat(tokens.consume(token, "CA2")).isFalse();
        assertThat(tokens.consume(token, "CA1")).isTrue();
    }

    @Test
    void anotherInstanceSharingTheAuthTokenAcceptsItsTokensButOneWithAnotherSecretDoesNot() {
        String token = tokens.issue("CA1");
        CallTokens sameSecret = new CallTokens("twilio-auth-token", Duration.ofSeconds(60), clock);
        CallTokens otherSecret = new CallTokens("someone-else", Duration.ofSeconds(60), clock);
        assertThat(otherSecret.consume(token, "CA1")).isFalse();
        assertThat(sameSecret.consume(token, "CA1")).isTrue();
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue("CA1");
        String[] parts = token.split("\\.");
        String laterExpiry = Long.toHexString(Long.parseLong(parts[0], 16) + 3_600_000) + "." + parts[1] + "." + parts[2];
        assertThat(tokens.consume(laterExpiry, "CA1")).isFalse();
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.consume(token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'), "CA1")).isFalse();
    }

    @Test
    void unknownMalformedOrMissingTokensAreRefused() {
        assertThat(tokens.consume(null, "CA1")).isFalse();
        assertThat(tokens.consume(tokens.issue("CA1"), null)).isFalse();
        assertThat(tokens.consume("0123456789abcdef0123456789abcdef", "CA1")).isFalse();
        assertThat(tokens.consume("zz.zz.zz", "CA1")).isFalse();
        assertThat(tokens.consume("..", "CA1")).isFalse();
    }

    @Test
    void tokensAreUnguessable() {
        assertThat(tokens.issue("CA1")).matches("[0-9a-f]{1,16}\\.[0-9a-f]{24}\\.[0-9a-f]{32}").isNotEqualTo(tokens.issue("CA1"));
    }

    @Test
    void withoutASharedSecretTokensStillVerifyWhereTheyWereIssued() {
        CallTokens unsigned = new CallTokens("", Duration.ofSeconds(60), clock);
        assertThat(unsigned.consume(unsigned.issue("CA1"), "CA1")).isTrue();
    }
}
