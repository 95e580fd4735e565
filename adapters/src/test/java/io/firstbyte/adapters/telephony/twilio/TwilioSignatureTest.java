package io.firstbyte.adapters.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** X-Twilio-Signature, protocols.md 1.2, against Twilio's own test vector and ours. */
class TwilioSignatureTest {

    private static final String WEBHOOK_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String WEBHOOK_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private static final String MEDIA_URL = "wss://example.com/twilio/media";
    private static final String UPGRADE_SIGNATURE = "Ko8aymfVk0cCegaxVKH0ZCvSyf4=";

    private final TwilioSignature signature = new TwilioSignature("12345");

    @Test
    void twiliosWebhookTestVectorIsValid() {
        assertThat(signature.isValidWebhook(WEBHOOK_URL, webhookParams(), WEBHOOK_SIGNATURE)).isTrue();
    }

    @Test
    void signedDataIsTheUrlThenEachSortedNameAndValue() {
        assertThat(TwilioSignature.signedData(WEBHOOK_URL, webhookParams())).isEqualTo(
                "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+12349013030"
                        + "Digits1234From+12349013030To+18005551212");
    }

    @Test
    void repeatedNamesAppendEachValueSorted() {
        Map<String, List<String>> params = Map.of("b", List.of("2"), "a", List.of("z", "y"));

        assertThat(TwilioSignature.signedData("https://x/", params)).isEqualTo("https://x/ayazb2");
    }

    @Test
    void webSocketUpgradeVectorIsValid() {
        assertThat(signature.isValidUpgrade(MEDIA_URL, UPGRADE_SIGNATURE)).isTrue();
    }

    @Test
    void upgradeUrlRebuiltAsHttpsIsCheckedAsWss() {
        assertThat(signature.isValidUpgrade("https://example.com/twilio/media", UPGRADE_SIGNATURE)).isTrue();
    }

    @Test
    void wrongTokenIsRejected() {
        TwilioSignature wrongToken = new TwilioSignature("54321");

        assertThat(wrongToken.isValidWebhook(WEBHOOK_URL, webhookParams(), WEBHOOK_SIGNATURE)).isFalse();
        assertThat(wrongToken.isValidUpgrade(MEDIA_URL, UPGRADE_SIGNATURE)).isFalse();
    }

    @Test
    void tamperedParameterIsRejected() {
        Map<String, List<String>> params = webhookParams();
        params.put("To", List.of("+18005551213"));

        assertThat(signature.isValidWebhook(WEBHOOK_URL, params, WEBHOOK_SIGNATURE)).isFalse();
    }

    @Test
    void addedParameterIsRejected() {
        Map<String, List<String>> params = webhookParams();
        params.put("Extra", List.of("1"));

        assertThat(signature.isValidWebhook(WEBHOOK_URL, params, WEBHOOK_SIGNATURE)).isFalse();
    }

    @Test
    void otherUrlIsRejected() {
        assertThat(signature.isValidUpgrade("wss://example.com/twilio/other", UPGRADE_SIGNATURE)).isFalse();
    }

    @Test
    void missingOrMalformedHeaderIsRejected() {
        assertThat(signature.isValidUpgrade(MEDIA_URL, null)).isFalse();
        assertThat(signature.isValidUpgrade(MEDIA_URL, "")).isFalse();
        assertThat(signature.isValidUpgrade(MEDIA_URL, UPGRADE_SIGNATURE.substring(1))).isFalse();
    }

    @Test
    void defaultPortAddedToTheConfiguredUrlIsAccepted() {
        assertThat(signature.isValidUpgrade("wss://example.com:443/twilio/media", UPGRADE_SIGNATURE)).isTrue();
        assertThat(signature.isValidWebhook("https://mycompany.com:443/myapp.php?foo=1&bar=2", webhookParams(),
                WEBHOOK_SIGNATURE)).isTrue();
    }

    @Test
    void signatureOverTheUrlWithDefaultPortIsAccepted() {
        String signedWithPort = signature.sign("wss://example.com:443/twilio/media", Map.of());

        assertThat(signature.isValidUpgrade(MEDIA_URL, signedWithPort)).isTrue();
    }

    @Test
    void otherPortIsNotAVariant() {
        assertThat(signature.isValidUpgrade("wss://example.com:8443/twilio/media", UPGRADE_SIGNATURE)).isFalse();
    }

    @Test
    void urlVariantsToggleOnlyTheDefaultPort() {
        assertThat(UrlVariants.of("https://h/p?q=1")).containsExactly("https://h/p?q=1", "https://h:443/p?q=1");
        assertThat(UrlVariants.of("http://u:pw@h:80")).containsExactly("http://u:pw@h:80", "http://u:pw@h");
        assertThat(UrlVariants.of("wss://[::1]/m")).containsExactly("wss://[::1]/m", "wss://[::1]:443/m");
        assertThat(UrlVariants.of("wss://h:8443/m")).containsExactly("wss://h:8443/m");
    }

    @Test
    void emptyTokenIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TwilioSignature(""));
    }

    private static Map<String, List<String>> webhookParams() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("From", List.of("+12349013030"));
        params.put("Digits", List.of("1234"));
        params.put("Caller", List.of("+12349013030"));
        return params;
    }
}
