package io.firstbyte.adapters.telephony.telnyx;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * Telnyx Call Control's "Transfer call" as its API reference gives it, against a local fake of the
 * endpoint: {@code POST /v2/calls/{call_control_id}/actions/transfer}, {@code Authorization: Bearer <API key>},
 * a JSON body with {@code to} (and {@code command_id}, Telnyx's guard against duplicate commands); 200 on success,
 * 422 with an error body when the call cannot be transferred.
 */
class TelnyxCallTransferTest {

    private static final String CALL = "v3:u5OAKGEPT3Dx8SZSSDRWEMdNH2OripQhO";

    private record Received(String method, String uri, Map<String, String> headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile Duration answerAfter = Duration.ZERO;
    private final DisposableServer fake = HttpServer.create().host("127.0.0.1").port(0)
            .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                Map<String, String> headers = new HashMap<>();
                request.requestHeaders().forEach(entry -> headers.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
                received.add(new Received(request.method().name(), request.uri(), headers, body));
                String answer = status.get() == 200 ? "{\"data\":{\"result\":\"ok\"}}"
                        : "{\"errors\":[{\"code\":\"90018\",\"title\":\"Call has already ended\"}]}";
                return Mono.delay(answerAfter).then(response.status(status.get()).header("Content-Type", "application/json")
                        .sendString(Mono.just(answer)).then());
            }))
            .bindNow();
    private final TelnyxCallTransfer telnyx = new TelnyxCallTransfer("http://127.0.0.1:" + fake.port(), "KEY0123ABC", Duration.ofSeconds(20));

    @AfterEach
    void stop() {
        telnyx.close();
        fake.disposeNow();
    }

    @Test
    void theTransferIsPostedToTheCallsActionWithTheNumberAndTheBearerKey() {
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999")).expectComplete().verify(Duration.ofSeconds(30));

        Received request = received.getFirst();
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

        assertThat(received).hasSize(2);
        assertThat(received.get(0).body()).isEqualTo(received.get(1).body());
        assertThat(TelnyxCallTransfer.body("v3:other", "+15550009999")).isNotEqualTo(received.get(0).body());
    }

    @Test
    void aRefusedTransferFailsWithItsCategoryAndIsNotRetried() {
        status.set(422);
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.INVALID_REQUEST))
                .verify(Duration.ofSeconds(30));
        status.set(401);
        StepVerifier.create(telnyx.transfer(CALL, "+15550009999"))
                .expectErrorSatisfies(error -> assertThat(((ProviderException) error).category()).isEqualTo(ErrorCategory.AUTHENTICATION))
                .verify(Duration.ofSeconds(30));
        assertThat(received).hasSize(2);
    }

    @Test
    void aTransferTelnyxDoesNotAnswerInTimeFailsAsATimeout() {
        answerAfter = Duration.ofMinutes(5);
        try (TelnyxCallTransfer impatient = new TelnyxCallTransfer("http://127.0.0.1:" + fake.port(), "KEY0123ABC",
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
        assertThat(received).isEmpty();
    }
}
