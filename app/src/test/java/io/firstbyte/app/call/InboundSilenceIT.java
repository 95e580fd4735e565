package io.firstbyte.app.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

/**
 * A caller that vanishes without closing: its media WebSocket stays open but nothing more arrives
 * on it, no frame, no close. The server ends the call after the (here shortened) inbound silence
 * timeout, closes the socket, and the call leaves the live calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.providers.simulated.profile=fast", "firstbyte.call.inbound-silence-timeout=2s"})
class InboundSilenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final String SILENCE;

    static {
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) 0xFF);
        SILENCE = Base64.getEncoder().encodeToString(frame);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCallerThatStopsSendingWithoutClosingIsHungUpAfterTheSilenceTimeoutAndLeavesTheLiveCalls() {
        String callSid = "CA" + Long.toHexString(System.nanoTime()) + "0".repeat(16);
        String streamSid = "MZ" + Long.toHexString(System.nanoTime()) + "1".repeat(16);
        AtomicLong lastFrameSentAt = new AtomicLong();
        AtomicLong closedAt = new AtomicLong();
        AtomicInteger closeStatus = new AtomicInteger(-1);
        AtomicInteger audioHeard = new AtomicInteger();
        double endedBefore = endedForSilence();

        Flux<String> frames = Flux.interval(Duration.ofMillis(20)).take(50)
                .map(tick -> media(streamSid, tick))
                .doOnNext(frame -> lastFrameSentAt.set(System.nanoTime()));
        // The caller's side then goes quiet for good: no frame, no close, the TCP connection stays up.
        Flux<String> caller = Flux.concat(Flux.just(connected(), start(streamSid, callSid)), frames, Flux.never());
        Disposable connection = HttpClient.create().websocket()
                .uri(URI.create("ws://127.0.0.1:" + port + "/twilio/media"))
                .handle((in, out) -> {
                    in.receiveCloseStatus().subscribe(status -> closeStatus.set(status.code()));
                    Mono<Void> heard = in.receive().asString().doOnNext(message -> audioHeard.incrementAndGet()).then();
                    return Mono.when(out.sendString(caller).then(), heard)
                            .doFinally(signal -> closedAt.compareAndSet(0, System.nanoTime()));
                })
                .subscribe();
        try {
            await().atMost(GENEROUS).until(() -> listedCalls().contains(callSid));
            await().atMost(GENEROUS).until(() -> audioHeard.get() > 0);
            await().atMost(GENEROUS).until(() -> closedAt.get() != 0);

            assertThat(Duration.ofNanos(closedAt.get() - lastFrameSentAt.get())).as("the call outlived its last frame by the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            // 1005: the server's close frame carries no status, as for every call it ends.
            assertThat(closeStatus.get()).as("the server closed the WebSocket").isIn(1000, 1005);
            await().atMost(GENEROUS).until(() -> !listedCalls().contains(callSid));
            assertThat(endedForSilence() - endedBefore).as("calls ended for inbound silence").isEqualTo(1);
        } finally {
            connection.dispose();
        }
    }

    private double endedForSilence() {
        var counter = meters.find("firstbyte.calls.ended").tag("reason", "inbound-silence").counter();
        return counter == null ? 0 : counter.count();
    }

    /** The call ids {@code GET /calls} lists, asked from loopback as the development mode allows. */
    private List<String> listedCalls() {
        Map<?, ?> body = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(GENEROUS).build()
                .get().uri("/calls").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<?>) body.get("calls")).stream().map(call -> String.valueOf(((Map<?, ?>) call).get("callId"))).toList();
    }

    private static String connected() {
        return JSON.writeValueAsString(Map.of("event", "connected", "protocol", "Call", "version", "1.0.0"));
    }

    private static String start(String streamSid, String callSid) {
        return JSON.writeValueAsString(Map.of("event", "start", "sequenceNumber", "1", "streamSid", streamSid,
                "start", Map.of("streamSid", streamSid, "accountSid", "AC" + "1".repeat(32), "callSid", callSid,
                        "tracks", List.of("inbound"), "customParameters", Map.of("From", "+15550001111", "To", "+15550100100"),
                        "mediaFormat", Map.of("encoding", "audio/x-mulaw", "sampleRate", 8000, "channels", 1))));
    }

    private static String media(String streamSid, long tick) {
        return JSON.writeValueAsString(Map.of("event", "media", "sequenceNumber", String.valueOf(tick + 2), "streamSid", streamSid,
                "media", Map.of("track", "inbound", "chunk", String.valueOf(tick + 1), "timestamp", String.valueOf(tick * 20),
                        "payload", SILENCE)));
    }
}
