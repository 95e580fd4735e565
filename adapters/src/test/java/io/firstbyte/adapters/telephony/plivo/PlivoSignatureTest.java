package io.firstbyte.adapters.telephony.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Plivo-Signature-V3} against signatures that Plivo's own validator accepts: each expected value
 * below was computed outside this code (Node's HMAC-SHA256) and accepted by {@code validateV3Signature} of
 * Plivo's Node SDK (plivo 4.79.0) for the same method, URL, parameters, nonce and auth token, which rejected
 * the same signature over any other text.
 */
class PlivoSignatureTest {

    private static final String TOKEN = "MAZDQ1ZJIYMDZKMMZKYM";
    private static final String NONCE = "05429567804466091622";
    private static final String URL = "https://voice.example.com/plivo/transfer";
    private static final Map<String, List<String>> FORM = Map.of(
            "CallUUID", List.of("2d5c7f3e-8a51-4b0f-9d6e-3f1f1c9b2a10"), "From", List.of("15550001111"),
            "To", List.of("15550002222"), "CallStatus", List.of("in-progress"), "Direction", List.of("inbound"));

    private final PlivoSignature plivo = new PlivoSignature(TOKEN);

    @Test
    void aPostIsSignedOverTheUrlAndItsFormSortedByName() {
        String signature = "Ltj4Cs0t6oC92h46b272h4tJv1NNyD6HnSLy1M3r4ZU=";

        assertThat(PlivoSignature.signedText("POST", URL, FORM)).hasValue(URL
                + "?CallStatusin-progressCallUUID2d5c7f3e-8a51-4b0f-9d6e-3f1f1c9b2a10DirectioninboundFrom15550001111To15550002222");
        assertThat(plivo.sign("POST", URL, FORM, NONCE)).isEqualTo(signature);
        assertThat(plivo.isValid("POST", URL, FORM, NONCE, signature)).isTrue();
    }

    @Test
    void aPostToAUrlWithAQuerySignsTheDecodedSortedQueryThenADotThenTheForm() {
        String url = URL + "?tenant=t42&b=two+words";

        assertThat(plivo.isValid("POST", url, FORM, NONCE, "0CqT9y7A0WcyQ1v4MUlMdQonoP9B4gkiHQ5o5n1QpqM=")).isTrue();
    }

    @Test
    void aGetIsSignedOverTheUrlWithItsQuerySorted() {
        String url = URL + "?To=15550002222&CallUUID=abc&From=15550001111";

        assertThat(plivo.isValid("GET", url, Map.of(), NONCE, "KBEhAerwUPyvSu6K6DUnFRUNV+AExlnovWD6my9ERnI=")).isTrue();
    }

    @Test
    void aPostWithoutParametersIsSignedOverTheBareUrl() {
        assertThat(plivo.isValid("POST", URL, Map.of(), NONCE, "awsyDm/lSafqysiWKKoPs94r4n8FpQxkVF8oVtEvmNk=")).isTrue();
    }

    @Test
    void anyOfSeveralCommaSeparatedSignaturesMayMatchOneActiveToken() {
        String mine = plivo.sign("POST", URL, FORM, NONCE);
        String other = new PlivoSignature("another-token").sign("POST", URL, FORM, NONCE);

        assertThat(plivo.isValid("POST", URL, FORM, NONCE, other + "," + mine)).isTrue();
        assertThat(plivo.isValid("POST", URL, FORM, NONCE, other)).isFalse();
    }

    @Test
    void anythingChangedOrMissingIsRefused() {
        String signature = plivo.sign("POST", URL, FORM, NONCE);

        assertThat(plivo.isValid("POST", URL, FORM, NONCE + "1", signature)).as("another nonce").isFalse();
        assertThat(plivo.isValid("POST", "https://attacker.example.net/plivo/transfer", FORM, NONCE, signature)).isFalse();
        assertThat(plivo.isValid("POST", URL, Map.of("CallUUID", List.of("another-call")), NONCE, signature)).isFalse();
        assertThat(plivo.isValid("GET", URL, FORM, NONCE, signature)).as("a GET signs no form").isFalse();
        assertThat(new PlivoSignature("wrong-token").isValid("POST", URL, FORM, NONCE, signature)).isFalse();
        assertThat(plivo.isValid("POST", URL, FORM, null, signature)).isFalse();
        assertThat(plivo.isValid("POST", URL, FORM, NONCE, null)).isFalse();
        assertThat(plivo.isValid("POST", URL, FORM, NONCE, "")).isFalse();
        assertThat(plivo.isValid("PUT", URL, FORM, NONCE, signature)).isFalse();
        assertThat(plivo.isValid("GET", URL + "?a=%zz", Map.of(), NONCE, signature)).as("an undecodable query").isFalse();
    }

    @Test
    void anEmptyTokenIsAConfigurationError() {
        assertThatThrownBy(() -> new PlivoSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
