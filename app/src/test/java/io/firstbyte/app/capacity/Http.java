package io.firstbyte.app.capacity;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Plain HTTP to a server on this machine, as a load balancer's health check or Twilio's webhook would send it. */
public record Http(int port) {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    public WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(GENEROUS).build();
    }

    public int status(String path) {
        return client().get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }

    public EntityExchangeResult<String> get(String path) {
        return client().get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    /** Twilio's voice webhook for a new call, unsigned (development mode). */
    public EntityExchangeResult<String> voiceWebhook(String pathAndQuery) {
        return client().post().uri(pathAndQuery).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("CallSid=CA" + Long.toHexString(System.nanoTime()) + "&From=%2B15550001111&To=%2B15550100100")
                .exchange().expectBody(String.class).returnResult();
    }

    public int registerAudioSocketCall() {
        return client().post().uri("/audiosocket/calls").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("uuid=" + java.util.UUID.randomUUID() + "&from=%2B15550001111&to=%2B15550100100")
                .exchange().returnResult(String.class).getStatus().value();
    }
}
