package io.firstbyte.adapters.telephony.telnyx;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.RecordingHttpServer;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Telnyx Call Control's "Transfer call" as its API reference gives it, against a local fake of the
 * endpoint: {@code POST /v2/calls/{call_control_id}/actions/transfer}, {@code Authorization: Bearer <API key>},
 * a JSON body with {@code to} (and {@code command_id}, Telnyx's guard against duplicate commands); 200 on success,
 * 422 with an error body when the call cannot be transferred.
 */
class TelnyxCallTransferTest {

    private static final String CALL = "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO";
    private static final String TRANSFERRED = "{\"data\":{\"result\":\"ok\"}}";
    private static final String REFUSED = "{\"errors\":[{\"code\":\"90018\",\"title\":\"Call has already ended\"}]}";

    private final RecordingHttpServer fake = RecordingHttpServer.answering(200, TRANSFERRED);
    private final TelnyxCallTransfer telnyx = new TelnyxCallTransfer(fake.baseUrl(), "KEY0123ABC", Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        telnyx.close();
        fake.close();
    }

    @Test
    void theTransferIsPostedToTheCallsActionWithTheNumberAndTheBearerKey() {
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999")).expectComplete().verify(Duration.ofSeconds(30));

        RecordingHttpServer.Received request = fake.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v2/calls/" + CALL + "/actions/transfer");
        assertThat(request.headers().get("authorization")).isEqualTo("Bearer KEY0123ABC");
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"to\":\"+15550009999\",\"command_id\":\"firstbyte-transfer-" + CALL + "\"}");
    }

    @Test
    void aRepeatedTransferOfTheSameCallCarriesTheSameCommandIdSoTelnyxDialsOnce() {
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999").then(telnyx.transfer(CALL, "+15550009999")))
                .expectComplete().verify(Duration.ofSeconds(30));

        assertThat(fake.received()).hasSize(2);
        assertThat(fake.received().get(0).body()).isEqualTo(fake.received().get(1).body());
        assertThat(TelnyxCallTransfer.body("v3:other", "+15550009999")).isNotEqualTo(fake.received().get(0).body());
    }

    @Test
    void aRefusedTransferFailsWithItsCategoryAndIsNotRetried() {
        fake.answer(422, REFUSED);
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        fake.answer(401, REFUSED);
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).hasSize(2);
    }

    @Test
    void aTransferTelnyxDoesNotAnswerInTimeFailsAsATimeout() {
        fake.answerAfter(Duration.ofMinutes(5));
        try (TelnyxCallTransfer impatient = new TelnyxCallTransfer(fake.baseUrl(), "KEY0123ABC",
                Duration.ofMillis(300))) {
            StepVerifier.create(impatient.transfer(CALL, "+15550009999"))
                    .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.TIMEOUT))
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void somethingThatIsNotACallControlIdIsNeverSent() {
        StepVerifier.create(telnyx.transfer("v3:x/../../balance", "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).isEmpty();
    }
}
