package io.firstbyte.app.config;

import io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TelephonyPropertiesTest {

    private static TelephonyProperties at(String url) {
        return new TelephonyProperties(url, "", Duration.ofSeconds(60), Duration.ofSeconds(5), DataSize.ofKilobytes(64),
                GatewaySecrets.NONE, FreeSwitchPlayback.STREAM_AUDIO_FILES, AudioSocketProperties.DISABLED);
    }

    @Test
    void mediaUrlIsAlwaysSecureWebSocketWithoutQuery() {
        assertThat(at("https://voice.example.com/").twilioMediaUrl()).isEqualTo("wss://voice.example.com/twilio/media");
        assertThat(at("http://localhost:8080").twilioMediaUrl()).isEqualTo("wss://localhost:8080/twilio/media");
    }

    @Test
    void theSignedWebhookUrlIsThePublicUrlWithThePathAndQueryAsReceived() {
        assertThat(at("https://voice.example.com/").publicUrlOf("/twilio/voice", "tenant=salon%2042&lang=en"))
                .isEqualTo("https://voice.example.com/twilio/voice?tenant=salon%2042&lang=en");
        assertThat(at("https://voice.example.com").publicUrlOf("/twilio/voice", null)).isEqualTo("https://voice.example.com/twilio/voice");
    }

    @Test
    void signaturesAreRequiredOnlyWithAnAuthToken() {
        assertThat(at("https://voice.example.com").signaturesRequired()).isFalse();
        assertThat(new TelephonyProperties("https://x", "token", Duration.ZERO, Duration.ZERO, DataSize.ofBytes(1), GatewaySecrets.NONE,
                FreeSwitchPlayback.STREAM_AUDIO_FILES, AudioSocketProperties.DISABLED)
                .signaturesRequired()).isTrue();
    }
}
