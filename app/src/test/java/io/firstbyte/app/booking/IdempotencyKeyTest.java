package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void eachSourceHasItsOwnNamespace() {
        assertThat(IdempotencyKey.vapi("call_1").value()).isEqualTo("vapi:call_1");
        assertThat(IdempotencyKey.call("c-9", "call_1").value()).isEqualTo("call:c-9:call_1");
        assertThat(IdempotencyKey.retell("r-1", "create_booking", "{}").value()).startsWith("retell:r-1:create_booking:");
        assertThat(IdempotencyKey.client("call:c-9:call_1").orElseThrow()).isNotEqualTo(IdempotencyKey.vapi("c-9:call_1"));
    }

    @Test
    void retellKeysDifferWhenTheArgumentsDo() {
        assertThat(IdempotencyKey.retell("r-1", "create_booking", "{\"start\":\"10:00\"}"))
                .isNotEqualTo(IdempotencyKey.retell("r-1", "create_booking", "{\"start\":\"10:30\"}"));
    }

    @Test
    void clientKeysAreVisibleAsciiOfAtMost200Characters() {
        assertThat(IdempotencyKey.client("order-4711/retry=1")).isPresent();
        assertThat(IdempotencyKey.client("")).isEmpty();
        assertThat(IdempotencyKey.client("with space")).isEmpty();
        assertThat(IdempotencyKey.client("é")).isEmpty();
        assertThat(IdempotencyKey.client("k".repeat(201))).isEmpty();
    }

    @Test
    void longKeysAreStoredAsADigestAndNeverQuotedInFull() {
        IdempotencyKey longKey = IdempotencyKey.vapi("x".repeat(300));

        assertThat(longKey.stored()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(longKey.quoted()).doesNotContain("xxxx").hasSizeLessThan(50);
        assertThat(new IdempotencyKey("order-4711").quoted()).isEqualTo("'order-4711'");
    }
}
