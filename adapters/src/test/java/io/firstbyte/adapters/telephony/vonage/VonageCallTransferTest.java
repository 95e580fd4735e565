package io.firstbyte.adapters.telephony.vonage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.adapters.http.RecordingHttpServer;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Vonage Voice API's "Modify an in-progress call" with a transfer to an NCCO, as its reference gives it, against a
 * local fake of the endpoint: {@code PUT /v1/calls/{uuid}}, {@code Authorization: Bearer <JWT>} (RS256, the
 * application's private key; claims {@code application_id}, {@code iat}, {@code jti}), the transfer JSON; 204 on success.
 */
class VonageCallTransferTest {

    private static final String CALL = "63f61863-4a51-4f6b-86e1-46edebcf9356";
    private static final String APPLICATION = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final KeyPair KEYS = keys();

    private final RecordingHttpServer fake = RecordingHttpServer.answering(204, "");
    private final VonageCallTransfer vonage = new VonageCallTransfer(fake.baseUrl(), APPLICATION, pem(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(20));

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception error) {
            throw new IllegalStateException(error);
        }
    }

    private static String pem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    @AfterEach
    void stop() {
        vonage.close();
        fake.close();
    }

    @Test
    void theCallIsTransferredToAnNccoThatConnectsThePhoneNumber() {
        StepVerifier.create(vonage.transfer(CALL, "+15550009999")).expectComplete().verify(Duration.ofSeconds(30));

        RecordingHttpServer.Received request = fake.received().getFirst();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.uri()).isEqualTo("/v1/calls/" + CALL);
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\",\"ncco\":[{\"action\":"
                + "\"connect\",\"endpoint\":[{\"type\":\"phone\",\"number\":\"15550009999\"}]}]}}");
    }

    @Test
    void theBearerIsAnRs256JwtOfTheApplicationSignedWithItsPrivateKey() throws Exception {
        StepVerifier.create(vonage.transfer(CALL, "+15550009999")).expectComplete().verify(Duration.ofSeconds(30));

        String[] jwt = fake.received().getFirst().headers().get("authorization").substring("Bearer ".length()).split("\\.");
        assertThat(jwt).hasSize(3);
        Base64.Decoder url = Base64.getUrlDecoder();
        assertThat(new String(url.decode(jwt[0]), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        assertThat(new String(url.decode(jwt[1]), StandardCharsets.UTF_8))
                .startsWith("{\"application_id\":\"" + APPLICATION + "\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
                        + (NOW.getEpochSecond() + 300) + ",\"jti\":\"");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(KEYS.getPublic());
        verify.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(url.decode(jwt[2]))).isTrue();
    }

    @Test
    void aRefusedTransferFailsWithItsCategoryAndIsNotRetried() {
        fake.answer(401, "");
        StepVerifier.create(vonage.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(30));
        fake.answer(404, "");
        StepVerifier.create(vonage.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).hasSize(2);
    }

    @Test
    void aTransferVonageDoesNotAnswerInTimeFailsAsATimeout() {
        fake.answerAfter(Duration.ofMinutes(5));
        try (VonageCallTransfer impatient = new VonageCallTransfer(fake.baseUrl(), APPLICATION, pem(),
                Clock.systemUTC(), Duration.ofMillis(300))) {
            StepVerifier.create(impatient.transfer(CALL, "+15550009999"))
                    .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.TIMEOUT))
                    .verify(Duration.ofSeconds(60));
        }
    }

    @Test
    void somethingThatIsNotACallUuidIsNeverSent() {
        StepVerifier.create(vonage.transfer("../applications", "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void aKeyThatIsNotPkcs8IsRefusedAtStartUp() {
        assertThatThrownBy(() -> new VonageCallTransfer("http://127.0.0.1:1", APPLICATION,
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----", Clock.systemUTC(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
    }
}
