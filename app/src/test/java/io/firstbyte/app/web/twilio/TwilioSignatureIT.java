package io.firstbyte.app.web.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** With an auth token configured, only requests signed by Twilio for this server's public URL get in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.telephony.twilio-auth-token=12345",
        "firstbyte.telephony.public-url=https://voice.example.com",
        "firstbyte.providers.simulated.profile=fast"})
class TwilioSignatureIT {

    private static final TwilioSignature TWILIO = new TwilioSignature("12345");
    private static final Map<String, List<String>> FORM = Map.of(
            "CallSid", List.of("CA1"), "From", List.of("+12349013030"), "To", List.of("+15550100100"));

    @LocalServerPort
    int port;

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private WebTestClient.ResponseSpec postVoice(String signature) {
        return postVoice("/twilio/voice", signature);
    }

    private WebTestClient.ResponseSpec post(String pathAndQuery, String signature) {
        return postVoice(pathAndQuery, signature);
    }

    private WebTestClient.ResponseSpec postVoice(String pathAndQuery, String signature) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        FORM.forEach(form::put);
        return http().post().uri(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Host", "attacker.example.net")
                .header("X-Twilio-Signature", signature)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchange();
    }

    @Test
    void signedVoiceWebhookGetsTwimlConnectingTheCallToThePublicMediaUrl() {
        String body = postVoice(TWILIO.sign("https://voice.example.com/twilio/voice", FORM))
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("<Connect action=\"https://voice.example.com/twilio/after-stream\">",
                "<Stream url=\"wss://voice.example.com/twilio/media\"",
                "name=\"From\" value=\"+12349013030\"", "name=\"To\" value=\"+15550100100\"", "name=\"token\"");
    }

    @Test
    void aWebhookUrlWithAQueryStringIsValidatedOverTheWholeUrlTwilioSigned() {
        String pathAndQuery = "/twilio/voice?tenant=salon%2042&lang=en";
        postVoice(pathAndQuery, TWILIO.sign("https://voice.example.com" + pathAndQuery, FORM)).expectStatus().isOk();
    }

    @Test
    void aRefusedWebhookLogsTheUrlItExpectedTheSignatureOverAndNeitherSignatureNorToken() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger webhookLog = (Logger) LoggerFactory.getLogger(TwilioVoiceWebhook.class);
        webhookLog.addAppender(logged);
        String signedWithoutTheQuery = TWILIO.sign("https://voice.example.com/twilio/voice", FORM);
        try {
            postVoice("/twilio/voice?tenant=t42", signedWithoutTheQuery).expectStatus().isForbidden();
        } finally {
            webhookLog.detachAppender(logged);
        }
        assertThat(logged.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("https://voice.example.com/twilio/voice?tenant=t42")
                .doesNotContain(signedWithoutTheQuery, "12345");
    }

    @Test
    void theStreamsActionUrlIsCheckedLikeTheVoiceWebhook() {
        String signed = TWILIO.sign("https://voice.example.com/twilio/after-stream", FORM);
        String body = post("/twilio/after-stream", signed).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>");
        post("/twilio/after-stream", TWILIO.sign("https://attacker.example.net/twilio/after-stream", FORM)).expectStatus().isForbidden();
        post("/twilio/after-stream", "").expectStatus().isForbidden();
    }

    @Test
    void voiceWebhookWithABadSignatureIsRefusedWith403() {
        postVoice(TWILIO.sign("https://attacker.example.net/twilio/voice", FORM)).expectStatus().isForbidden();
        postVoice("").expectStatus().isForbidden();
    }

    @Test
    void mediaUpgradeWithoutAValidSignatureIsRefusedWith403() {
        assertThatThrownBy(() -> connect(TWILIO.sign("wss://attacker.example.net/twilio/media", Map.of()), Flux.empty(),
                in -> in.receive().then(Mono.<Object>just("opened"))))
                .hasMessageContaining("403");
    }

    @Test
    void aCallTokenStartsOneCallOnlyAndAReplayIsClosed() {
        String twiml = postVoice(TWILIO.sign("https://voice.example.com/twilio/voice", FORM))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f.]+)\"").matcher(twiml);
        assertThat(token.find()).isTrue();
        String signature = TWILIO.sign("wss://voice.example.com/twilio/media", Map.of());

        Object first = connect(signature, startWithToken(token.group(1)),
                in -> in.receive().asString().filter(text -> text.contains("\"media\"")).next().map(text -> "media"));
        assertThat(first).as("first use receives the greeting").isEqualTo("media");
        Object replay = connect(signature, startWithToken(token.group(1)),
                in -> in.receiveCloseStatus().map(status -> status.code()));
        assertThat(replay).as("replay is closed").isEqualTo(1008);
    }

    @Test
    void aStartClaimingAnotherDialledNumberThanTheWebhookSignedIsClosedWithoutStartingACall() {
        String token = tokenFromSignedWebhook();
        String signature = TWILIO.sign("wss://voice.example.com/twilio/media", Map.of());

        Object forged = connect(signature, startWithToken(token, "+15550199999"),
                in -> in.receive().asString().filter(text -> text.contains("\"media\"")).collectList()
                        .zipWith(in.receiveCloseStatus(), (media, status) -> media.size() + " media, close " + status.code()));
        assertThat(forged).as("another business's number").isEqualTo("0 media, close 1008");
        Object genuine = connect(signature, startWithToken(token, "+15550100100"),
                in -> in.receive().asString().filter(text -> text.contains("\"media\"")).next().map(text -> "media"));
        assertThat(genuine).as("the signed number, with the token the forgery did not use up").isEqualTo("media");
    }

    private String tokenFromSignedWebhook() {
        String twiml = postVoice(TWILIO.sign("https://voice.example.com/twilio/voice", FORM))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f.]+)\"").matcher(twiml);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static Flux<String> startWithToken(String token) {
        return startWithToken(token, "+15550100100");
    }

    private static Flux<String> startWithToken(String token, String to) {
        return Flux.just("{\"event\":\"connected\"}", """
                {"event":"start","streamSid":"MZ1","start":{"streamSid":"MZ1","callSid":"CA1",\
                "customParameters":{"From":"+12349013030","To":"%s","token":"%s"},\
                "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""".formatted(to, token));
    }

    /** Opens the media WebSocket with the given signature, sends {@code messages}, and returns what {@code probe} sees. */
    private Object connect(String signature, Flux<String> messages,
                           java.util.function.Function<reactor.netty.http.websocket.WebsocketInbound, Mono<?>> probe) {
        return HttpClient.create()
                .headers(headers -> headers.set("X-Twilio-Signature", signature))
                .websocket()
                .uri(URI.create("ws://localhost:" + port + "/twilio/media"))
                .handle((in, out) -> {
                    out.sendString(messages.concatWith(Mono.never())).then().subscribe();
                    return probe.apply(in);
                })
                .cast(Object.class)
                .blockFirst(Duration.ofSeconds(10));
    }
}
