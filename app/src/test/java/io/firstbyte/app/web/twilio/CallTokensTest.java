package io.firstbyte.app.web.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
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

    private static final SignedCall CALL = new SignedCall("CA1", "+15550001111", "+15550100100");

    private final MovableClock clock = new MovableClock();
    private final CallTokens tokens = tokens("twilio-auth-token");

    private CallTokens tokens(String secret) {
        return new CallTokens(secret, Duration.ofSeconds(60), clock, new LocalUsedTokens(clock));
    }

    private static boolean accepted(CallTokens tokens, @Nullable String token, SignedCall claimed) {
        return Boolean.TRUE.equals(tokens.consume(token, claimed).block(Duration.ofSeconds(1)));
    }

    @Test
    void anIssuedTokenIsAcceptedExactlyOnce() {
        String token = tokens.issue(CALL);
        assertThat(accepted(tokens, token, CALL)).isTrue();
        assertThat(accepted(tokens, token, CALL)).isFalse();
    }

    @Test
    void aTokenIsAcceptedUntilItsLastMillisecondAndRefusedAfter() {
        String lastMoment = tokens.issue(CALL);
        String late = tokens.issue(CALL);
        clock.now = clock.now.plusSeconds(60);
        assertThat(accepted(tokens, lastMoment, CALL)).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(accepted(tokens, late, CALL)).isFalse();
    }

    @Test
    void aTokenIssuedForAnotherCallIsRefused() {
        String token = tokens.issue(CALL);
        assertThat(accepted(tokens, token, new SignedCall("CA2", CALL.from(), CALL.to()))).isFalse();
        assertThat(accepted(tokens, token, CALL)).isTrue();
    }

    @Test
    void aStartClaimingAnotherDialledNumberIsRefusedSoItCannotReachAnotherBusiness() {
        String token = tokens.issue(CALL);
        assertThat(accepted(tokens, token, new SignedCall(CALL.callSid(), CALL.from(), "+15550199999"))).isFalse();
        assertThat(accepted(tokens, token, new SignedCall(CALL.callSid(), CALL.from(), ""))).isFalse();
        assertThat(accepted(tokens, token, CALL)).as("the signed numbers still work").isTrue();
    }

    @Test
    void aStartClaimingAnotherCallerIsRefused() {
        String token = tokens.issue(CALL);
        assertThat(accepted(tokens, token, new SignedCall(CALL.callSid(), "+15550002222", CALL.to()))).isFalse();
    }

    @Test
    void valuesCannotBeShiftedFromOneNumberToTheOther() {
        String token = tokens.issue(new SignedCall("CA1", "+1555", "0100100"));
        assertThat(accepted(tokens, token, new SignedCall("CA1", "+15550100100", ""))).isFalse();
        assertThat(accepted(tokens, token, new SignedCall("CA1+1555", "", "0100100"))).isFalse();
    }

    @Test
    void anotherInstanceSharingTheAuthTokenAcceptsItsTokensButOneWithAnotherSecretDoesNot() {
        String token = tokens.issue(CALL);
        assertThat(accepted(tokens("someone-else"), token, CALL)).isFalse();
        assertThat(accepted(tokens("twilio-auth-token"), token, CALL)).isTrue();
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.issue(CALL);
        String[] parts = token.split("\\.");
        String laterExpiry = Long.toHexString(Long.parseLong(parts[0], 16) + 3_600_000) + "." + parts[1] + "." + parts[2];
        assertThat(accepted(tokens, laterExpiry, CALL)).isFalse();
        char last = token.charAt(token.length() - 1);
        assertThat(accepted(tokens, token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0'), CALL)).isFalse();
    }

    @Test
    void unknownMalformedOrMissingTokensAreRefused() {
        assertThat(accepted(tokens, null, CALL)).isFalse();
        assertThat(accepted(tokens, "0123456789abcdef0123456789abcdef", CALL)).isFalse();
        assertThat(accepted(tokens, "zz.zz.zz", CALL)).isFalse();
        assertThat(accepted(tokens, "..", CALL)).isFalse();
    }

    @Test
    void aUsedTokenIsRememberedForItsRemainingLifetime() {
        java.util.List<Duration> lifetimes = new java.util.ArrayList<>();
        CallTokens recording = new CallTokens("twilio-auth-token", Duration.ofSeconds(60), clock, (id, lifetime) -> {
            lifetimes.add(lifetime);
            return reactor.core.publisher.Mono.just(true);
        });
        String token = recording.issue(CALL);
        clock.now = clock.now.plusSeconds(45);
        assertThat(accepted(recording, token, CALL)).isTrue();
        assertThat(lifetimes).containsExactly(Duration.ofMillis(15_001));
    }

    @Test
    void tokensAreUnguessable() {
        assertThat(tokens.issue(CALL)).matches("[0-9a-f]{1,16}\\.[0-9a-f]{24}\\.[0-9a-f]{32}").isNotEqualTo(tokens.issue(CALL));
    }

    @Test
    void withoutASharedSecretTokensStillVerifyWhereTheyWereIssued() {
        CallTokens unsigned = tokens("");
        assertThat(accepted(unsigned, unsigned.issue(CALL), CALL)).isTrue();
    }

    @Test
    void aMissingNumberIsSignedAsEmpty() {
        String token = tokens.issue(new SignedCall("CA1", null, null));
        assertThat(accepted(tokens, token, new SignedCall("CA1", "", ""))).isTrue();
    }
}
