package io.firstbyte.app.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void decoratedNumbersNormaliseToE164() {
        assertThat(PhoneNumbers.e164("+1 (555) 010-0100")).contains("+15550100100");
        assertThat(PhoneNumbers.e164("0049 30 1234567")).contains("+49301234567");
    }

    @Test
    void anythingElseIsNotANumber() {
        assertThat(PhoneNumbers.e164("15550100100")).isEmpty();
        assertThat(PhoneNumbers.e164("+1555'; drop table tenant")).isEmpty();
        assertThat(PhoneNumbers.e164("")).isEmpty();
    }
}
