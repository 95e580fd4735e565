package io.firstbyte.app.web.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetellSignatureTest {

    static final Clock NOW = Clock.fixed(Instant.ofEpochMilli(1_790_000_000_000L), ZoneOffset.UTC);
    static final byte[] BODY = "{\"name\":\"check_availability\",\"args\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aFreshSignatureOverTheRawBodyVerifies() {
        RetellSignature signature = new RetellSignature("key_abc", NOW);

        assertThat(signature.verify(BODY, signature.header(BODY, NOW.millis() - 1000))).isTrue();
    }

    @Test
    void aChangedBodyAWrongKeyOrAStaleTimestampDoNot() {
        RetellSignature signature = new RetellSignature("key_abc", NOW);
        byte[] changed = "{\"name\":\"cancel_booking\",\"args\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(signature.verify(changed, signature.header(BODY, NOW.millis()))).isFalse();
        assertThat(signature.verify(BODY, new RetellSignature("other", NOW).header(BODY, NOW.millis()))).isFalse();
        assertThat(signature.verify(BODY, signature.header(BODY, NOW.millis() - 10 * 60_000))).isFalse();
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "v=1,d=zz")).isFalse();
    }
}
