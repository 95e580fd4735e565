package io.firstbyte.adapters.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.RecordingHttpServer;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Twilio's "Update a Call resource" as its documentation gives it, against a local fake of the endpoint:
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json}, HTTP Basic with the account SID and
 * auth token, a form-encoded {@code Twiml} parameter; 200 with the call's JSON on success.
 */
class TwilioCallUpdateTest {

    private static final String ACCOUNT = "AC" + "1".repeat(32);
    private static final String CALL = "CA" + "2".repeat(32);
    private static final String CALL_JSON = "{\"sid\":\"" + CALL + "\",\"status\":\"in-progress\"}";
    private static final String TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Dial>+15550009999</Dial></Response>";

    private final RecordingHttpServer fake = RecordingHttpServer.answering(200, CALL_JSON);
    private final TwilioCallUpdate twilio = new TwilioCallUpdate(fake.baseUrl(), ACCOUNT, "auth-token-1",
            Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        twilio.close();
        fake.close();
    }

    @Test
    void theCallIsUpdatedAtItsResourceWithTheTwimlFormEncodedAndBasicAuth() {
        StepVerifier.create(twilio.update(CALL, TWIML)).expectComplete().verify(Duration.ofSeconds(30));

        RecordingHttpServer.Received request = fake.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + CALL + ".json");
        assertThat(request.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(new String(Base64.getDecoder().decode(request.headers().get("authorization").substring("Basic ".length())),
                StandardCharsets.UTF_8)).isEqualTo(ACCOUNT + ":auth-token-1");
        assertThat(request.body()).startsWith("Twiml=").doesNotContain("<", "+1555", " ");
        assertThat(URLDecoder.decode(request.body().substring("Twiml=".length()), StandardCharsets.UTF_8)).isEqualTo(TWIML);
    }

    @Test
    void aRefusedUpdateFailsWithItsCategory() {
        fake.answer(401, CALL_JSON);
        StepVerifier.create(twilio.update(CALL, TWIML))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(30));
        fake.answer(404, CALL_JSON);
        StepVerifier.create(twilio.update(CALL, TWIML))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).as("never retried").hasSize(2);
    }

    @Test
    void anUpdateTwilioDoesNotAnswerInTimeFailsAsATimeout() {
        fake.answerAfter(Duration.ofMinutes(5));
        try (TwilioCallUpdate impatient = new TwilioCallUpdate(fake.baseUrl(), ACCOUNT, "auth-token-1",
                Duration.ofMillis(300))) {
            StepVerifier.create(impatient.update(CALL, TWIML))
                    .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.TIMEOUT))
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void somethingThatIsNotACallSidIsNeverSent() {
        StepVerifier.create(twilio.update("CA123/../../Messages", TWIML))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).isEmpty();
    }
}
