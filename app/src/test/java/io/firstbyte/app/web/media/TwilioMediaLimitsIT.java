package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** Transport-level limits of {@code /twilio/media}: start timeout and frame size cap. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast"})
class TwilioMediaLimitsIT {

    @LocalServerPort
    int port;

    private Integer closeCodeAfterSending(Flux<String> messages) {
        return HttpClient.create()
                .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build())
                .uri(URI.create("ws://localhost:" + port + "/twilio/media"))
                .handle((in, out) -> {
                    Mono<Integer> sending = out.sendString(messages.concatWith(Mono.never())).then().then(Mono.<Integer>empty());
                    Mono<Integer> closed = in.receiveCloseStatus().map(status -> status.code());
                    return sending.or(closed);
                })
                .blockFirst(Duration.ofSeconds(10));
    }

    @Test
    void aStreamThatNeverSendsStartIsClosedAfterTheStartTimeout() {
        Integer code = closeCodeAfterSending(Flux.just("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"));
        assertThat(code).isEqualTo(1008);
    }

    @Test
    void aFrameOverTheTransportCapClosesTheConnectionWith1009() {
        String huge = "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(70 * 1024) + "\"}}";
        Integer code = closeCodeAfterSending(Flux.just(huge));
        assertThat(code).isEqualTo(1009);
    }
}
