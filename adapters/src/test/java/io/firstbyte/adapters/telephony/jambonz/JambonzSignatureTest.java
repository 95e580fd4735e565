package io.firstbyte.adapters.telephony.jambonz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code Jambonz-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as jambonz's
 * feature server signs every webhook and its SDK checks it (five minutes' tolerance).
 */
class JambonzSignatureTest {

    private static final byte[] BODY = "{\"call_sid\":\"aad0115d-ec21-40db-aa02-31b7b01540c5\",\"from\":\"+15083084809\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** Computed outside Java: python3 hmac.new(b'wh_secret_1', b'1700000000.' + body, sha256).hexdigest(). */
    private static final String SIGNED = "t=1700000000,v1=f68f4a69e45a3c1c6b21e44d33ec48e80e02651b2e87861d8fb5f231dd1f6e1c";

    private static JambonzSignature at(long epochSeconds) {
        return new JambonzSignature("wh_secret_1", Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    @Test
    void aHeaderSignedAsJambonzSignsVerifies() {
        assertThat(at(1_700_000_010).verify(BODY, SIGNED)).isTrue();
    }

    @Test
    void theHeaderWrittenHereIsTheOneJambonzWouldSend() {
        assertThat(at(0).header(BODY, 1_700_000_000)).isEqualTo(SIGNED);
    }

    @Test
    void aChangedBodyOrAnotherSecretDoesNotVerify() {
        byte[] changed = new String(BODY, StandardCharsets.UTF_8).replace("+15083084809", "+15083084800").getBytes(StandardCharsets.UTF_8);
        assertThat(at(1_700_000_000).verify(changed, SIGNED)).isFalse();
        assertThat(new JambonzSignature("another", Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC))
                .verify(BODY, SIGNED)).isFalse();
    }

    @Test
    void aSignatureOlderOrNewerThanFiveMinutesIsRefused() {
        assertThat(at(1_700_000_300).verify(BODY, SIGNED)).isTrue();
        assertThat(at(1_700_000_301).verify(BODY, SIGNED)).isFalse();
        assertThat(at(1_699_999_699).verify(BODY, SIGNED)).isFalse();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String rotated = "t=1700000000,v1=" + "0".repeat(64) + "," + SIGNED.substring(SIGNED.indexOf("v1="));
        assertThat(at(1_700_000_000).verify(BODY, rotated)).isTrue();
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        JambonzSignature signature = at(1_700_000_000);
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "")).isFalse();
        assertThat(signature.verify(BODY, SIGNED.replace("t=1700000000,", ""))).isFalse();
        assertThat(signature.verify(BODY, "t=1700000000")).isFalse();
        assertThat(signature.verify(BODY, "t=soon," + SIGNED.substring(SIGNED.indexOf("v1=")))).isFalse();
    }
}
