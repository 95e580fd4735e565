package io.firstbyte.adapters.telephony.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The aleg_url's two answers, in Plivo XML: a dial of the number (country code, no {@code +}) or a hang-up. */
class PlivoXmlTest {

    @Test
    void dialNestsTheNumberWithItsCountryCodeAndWithoutPlus() {
        assertThat(PlivoXml.dial("+15550009999"))
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial><Number>15550009999</Number></Dial></Response>");
    }

    @Test
    void hangupEndsTheCall() {
        assertThat(PlivoXml.hangup()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>");
    }

    @Test
    void onlyAnE164NumberIsDialled() {
        assertThatThrownBy(() -> PlivoXml.dial("15550009999<Hangup/>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlivoXml.dial("+1555")).isInstanceOf(IllegalArgumentException.class);
    }
}
