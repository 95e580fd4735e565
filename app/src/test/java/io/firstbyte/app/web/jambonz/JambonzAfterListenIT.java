package io.firstbyte.app.web.jambonz;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.telephony.jambonz.JambonzSignature;
import io.firstbyte.app.handover.PendingTransfers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The jambonz listen verb's actionHook as jambonz requests it (POST, the call's attributes snake_cased,
 * signed with the account's webhook secret), in production: a call being handed over is dialled to the
 * business's number, on every retry of the hook alike; any other call is hung up; an unsigned or
 * wrongly signed request is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.security.gateways.jambonz=true",
        "firstbyte.telephony.gateways.jambonz-password=ws-pass",
        "firstbyte.telephony.gateways.jambonz-webhook-secret=wh-secret",
        "firstbyte.providers.simulated.profile=fast"})
class JambonzAfterListenIT {

    private static final JambonzSignature JAMBONZ = new JambonzSignature("wh-secret", Clock.systemUTC());
    private static final String HUMAN = "+15550009999";

    @LocalServerPort
    int port;
    @Autowired
    PendingTransfers transfers;

    @Test
    void aCallHandedOverIsDialledToTheBusinesssNumberOnEveryRetryOfTheHook() {
        String callSid = UUID.randomUUID().toString();
        transfers.record(callSid, HUMAN).block(Duration.ofSeconds(30));
        String request = hookRequest(callSid);

        String first = post(request, sign(request)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String retried = post(request, sign(request)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(first).isEqualTo("[{\"verb\":\"dial\",\"target\":[{\"type\":\"phone\",\"number\":\"" + HUMAN + "\"}]}]");
        assertThat(retried).isEqualTo(first);
    }

    @Test
    void aCallThatWasNotHandedOverIsHungUp() {
        String request = hookRequest(UUID.randomUUID().toString());

        assertThat(post(request, sign(request)).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .isEqualTo("[{\"verb\":\"hangup\"}]");
    }

    @Test
    void aRequestWithoutOrWithAWrongSignatureIsRefused() {
        String callSid = UUID.randomUUID().toString();
        transfers.record(callSid, HUMAN).block(Duration.ofSeconds(30));
        String request = hookRequest(callSid);
        String signedForAnotherBody = sign(hookRequest(UUID.randomUUID().toString()));

        post(request, null).expectStatus().isForbidden();
        post(request, signedForAnotherBody).expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(HUMAN));
    }

    private static String hookRequest(String callSid) {
        return """
                {"call_sid":"%s","direction":"inbound","from":"+15083084809","to":"+15083728363",\
                "call_id":"fc5f8190-718a-123b-e6ba-023fd61c5256","sip_status":200,"sip_reason":"OK",\
                "call_status":"in-progress","account_sid":"4bfe85c1-96bb-4af7-ac83-68fe7ebd562d",\
                "application_sid":"3badbf0f-e778-44bb-a89a-dc2ca31f2f9c"}""".formatted(callSid);
    }

    private static String sign(String body) {
        return JAMBONZ.header(body.getBytes(StandardCharsets.UTF_8), Clock.systemUTC().instant().getEpochSecond());
    }

    private WebTestClient.ResponseSpec post(String body, String signature) {
        var request = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri(JambonzAfterListen.PATH).contentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            request = request.header(JambonzSignature.HEADER, signature);
        }
        return request.bodyValue(body).exchange();
    }
}
