package io.firstbyte.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Firstbyte-Signature header as docs/webhooks.md describes it, checked against openssl's HMAC. */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHeaderIsTheTimestampAndTheHmacOfTimestampDotBody() {
        // printf '%s' '1700000000.{"id":"e1"}' | openssl dgst -sha256 -hmac 'whsec_test'
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=6a85cb117c993612a34c72b4cfb5a16baed25a80d26e298ce0e6671320fd07c8");
    }

    @Test
    void aReceiverAcceptsTheGenuineSignatureWithinTheTolerance() {
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);

        assertThat(WebhookSignature.verify("whsec_test", header, BODY, 1_700_000_100L, 300)).isTrue();
    }

    @Test
    void anotherBodySecretOrTimestampOrAnOldDeliveryIsRefused() {
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, BODY);

        assertThat(WebhookSignature.verify("whsec_test", header, "{\"id\":\"e2\"}".getBytes(StandardCharsets.UTF_8),
                1_700_000_000L, 300)).as("body").isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, BODY, 1_700_000_000L, 300)).as("secret").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), BODY,
                1_700_000_000L, 300)).as("timestamp").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, BODY, 1_700_000_301L, 300)).as("replayed late").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "t=x,v1=zz", BODY, 1_700_000_000L, 300)).as("malformed").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", null, BODY, 1_700_000_000L, 300)).as("missing").isFalse();
    }
}
