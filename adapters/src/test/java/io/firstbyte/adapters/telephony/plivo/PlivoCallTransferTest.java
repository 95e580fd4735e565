package io.firstbyte.adapters.telephony.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.adapters.http.RecordingHttpServer;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Plivo's "Transfer a call" as its API reference and SDKs give it, against a local fake of the endpoint:
 * {@code POST /v1/Account/{auth_id}/Call/{call_uuid}/}, HTTP Basic with the auth id and token, a JSON body with
 * {@code legs}, {@code aleg_url} and {@code aleg_method}; 202 with {@code {"message":"call transferred",…}} on success.
 */
class PlivoCallTransferTest {

    private static final String AUTH_ID = "MAZDQ1ZJIYMDZKMMZKYM";
    private static final String CALL = "1ed7fd89-df77-4ebf-8196-d5cf7222c918";
    private static final String ALEG_URL = "https://voice.example.com/plivo/transfer";

    private final RecordingHttpServer fake = RecordingHttpServer.answering(202,
            "{\"message\":\"call transferred\",\"api_id\":\"08c94608-58bd-11e1-86da-adf28403fe48\"}");
    private final PlivoCallTransfer plivo = new PlivoCallTransfer(fake.baseUrl(), AUTH_ID, "token-1", Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        plivo.close();
        fake.close();
    }

    @Test
    void theCallsALegIsSentToTheUrlWithBasicAuthentication() {
        StepVerifier.create(plivo.transfer(CALL, ALEG_URL)).expectComplete().verify(Duration.ofSeconds(30));

        RecordingHttpServer.Received request = fake.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v1/Account/" + AUTH_ID + "/Call/" + CALL + "/");
        assertThat(new String(Base64.getDecoder().decode(request.headers().get("authorization").substring("Basic ".length())),
                StandardCharsets.UTF_8)).isEqualTo(AUTH_ID + ":token-1");
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"legs\":\"aleg\",\"aleg_url\":\"" + ALEG_URL + "\",\"aleg_method\":\"POST\"}");
    }

    @Test
    void aRefusedTransferFailsWithItsCategoryAndIsNotRetried() {
        fake.answer(404, "{\"api_id\":\"x\",\"error\":\"call not found\"}");
        StepVerifier.create(plivo.transfer(CALL, ALEG_URL))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        fake.answer(401, "{\"api_id\":\"x\",\"error\":\"authentication failed\"}");
        StepVerifier.create(plivo.transfer(CALL, ALEG_URL))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).hasSize(2);
    }

    @Test
    void aTransferPlivoDoesNotAnswerInTimeFailsAsATimeout() {
        fake.answerAfter(Duration.ofMinutes(5));
        try (PlivoCallTransfer impatient = new PlivoCallTransfer(fake.baseUrl(), AUTH_ID, "token-1", Duration.ofMillis(300))) {
            StepVerifier.create(impatient.transfer(CALL, ALEG_URL))
                    .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.TIMEOUT))
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void somethingThatIsNotACallUuidIsNeverSent() {
        StepVerifier.create(plivo.transfer("1ed7/../../Number", ALEG_URL))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void anAuthIdThatIsNotLettersAndDigitsOrAnEmptyTokenIsAConfigurationError() {
        assertThatThrownBy(() -> new PlivoCallTransfer(fake.baseUrl(), "MA/../x", "token-1", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlivoCallTransfer(fake.baseUrl(), AUTH_ID, " ", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
