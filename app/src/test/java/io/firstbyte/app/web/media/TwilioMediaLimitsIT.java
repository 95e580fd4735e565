package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

/** Transport-level limits of {@code /twilio/media}: start timeout and frame size cap. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast"})
class TwilioMediaLimitsIT {

    private static final String CONNECTED = "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}";
    private static final String START = """
            {"event":"start","streamSid":"MZ1","start":{"streamSid":"MZ1","callSid":"CA1",\
            "customParameters":{"From":"+12349013030","To":"+15550100100"},\
            "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""";

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureTheLog() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void releaseTheLog() {
        root().detachAppender(logged);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

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

    /**
     * Sends {@code opening} as whole text frames, then one message of about 80 KB as a text frame
     * and continuation frames of 20 KB each (none over the cap by itself), at once or, with
     * {@code afterGreeting}, once the agent's first audio arrived; answers the close code.
     */
    private Integer closeCodeAfterAFragmentedOversizedMessage(List<String> opening, boolean afterGreeting) {
        Sinks.Many<WebSocketFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        opening.forEach(text -> frames.tryEmitNext(new TextWebSocketFrame(text)));
        String part = "A".repeat(20 * 1024);
        Runnable oversized = () -> {
            frames.tryEmitNext(new TextWebSocketFrame(false, 0, "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + part));
            for (int i = 0; i < 3; i++) {
                frames.tryEmitNext(new ContinuationWebSocketFrame(false, 0, part));
            }
            frames.tryEmitNext(new ContinuationWebSocketFrame(true, 0, "\"}}"));
        };
        if (!afterGreeting) {
            oversized.run();
        }
        AtomicBoolean sent = new AtomicBoolean(!afterGreeting);
        return HttpClient.create()
                .websocket()
                .uri(URI.create("ws://localhost:" + port + "/twilio/media"))
                .handle((in, out) -> {
                    out.sendObject(frames.asFlux()).then().subscribe();
                    return in.receive().asString()
                            .doOnNext(text -> {
                                if (text.contains("\"media\"") && sent.compareAndSet(false, true)) {
                                    oversized.run();
                                }
                            })
                            .then(in.receiveCloseStatus().map(WebSocketCloseStatus::code));
                })
                .blockFirst(Duration.ofSeconds(20));
    }

    @Test
    void aStreamThatNeverSendsStartIsClosedAfterTheStartTimeout() {
        Integer code = closeCodeAfterSending(Flux.just(CONNECTED));
        assertThat(code).isEqualTo(1008);
    }

    @Test
    void aFrameOverTheTransportCapClosesTheConnectionWith1009() {
        String huge = "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(70 * 1024) + "\"}}";
        Integer code = closeCodeAfterSending(Flux.just(huge));
        assertThat(code).isEqualTo(1009);
    }

    @Test
    void continuationFramesAssembledPastTheCapBeforeStartCloseWith1009() {
        assertThat(closeCodeAfterAFragmentedOversizedMessage(List.of(CONNECTED), false)).isEqualTo(1009);
    }

    @Test
    void continuationFramesAssembledPastTheCapDuringACallCloseWith1009AndOtherCallsGoOn() throws Exception {
        assertThat(closeCodeAfterAFragmentedOversizedMessage(List.of(CONNECTED, START), true)).isEqualTo(1009);

        assertThat(logged.list).as("nothing left unhandled on the receive stream")
                .noneMatch(event -> event.getFormattedMessage().contains("onErrorDropped") || event.getThrowableProxy() != null);
        TwilioTestCaller next = new TwilioTestCaller();
        Disposable call = next.dial(port, Map.of("From", "+15550001111", "To", "+15550100100", "jitter", "0")).subscribe();
        try {
            assertThat(next.awaitAgentQuiet(Duration.ofMillis(500), Duration.ofSeconds(30))).as("the next caller is greeted").isTrue();
        } finally {
            next.hangUp();
            call.dispose();
        }
    }
}
