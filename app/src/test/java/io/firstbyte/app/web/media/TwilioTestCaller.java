package io.firstbyte.app.web.media;

import io.firstbyte.pipeline.audio.G711;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A caller that dials the server over a real WebSocket exactly as Twilio does: {@code connected},
 * {@code start}, one {@code media} frame every 20 ms in real time (speech or silence), marks echoed
 * once the audio before them has played, {@code clear} honoured, {@code stop} at the end.
 */
final class TwilioTestCaller {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SILENCE = Base64.getEncoder().encodeToString(filled((byte) 0xFF));
    private static final String SPEECH = Base64.getEncoder().encodeToString(speechFrame());

    final String streamSid = "MZ" + "0".repeat(31) + Math.abs(System.nanoTime() % 10);
    final String callSid = "CA" + Long.toHexString(System.nanoTime()) + "0".repeat(16);
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final AtomicInteger mediaReceived = new AtomicInteger();
    final AtomicInteger clears = new AtomicInteger();
    private final ConcurrentLinkedQueue<Object[]> playback = new ConcurrentLinkedQueue<>();
    private final AtomicLong playbackEnds = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private volatile boolean speaking;
    private volatile long lastAudioAt;
    private volatile long closeStatus = -1;
    private volatile long closedAt;

    Mono<Void> dial(int port, Map<String, String> parameters) {
        return dial(port, parameters, Map.of());
    }

    /** The same, with HTTP headers on the upgrade (an {@code X-Twilio-Signature}). */
    Mono<Void> dial(int port, Map<String, String> parameters, Map<String, String> headers) {
        return HttpClient.create()
                .headers(out -> headers.forEach(out::set))
                .websocket()
                .uri(URI.create("ws://localhost:" + port + "/twilio/media"))
                .handle((in, out) -> exchange(in, out, parameters))
                .then();
    }

    private Mono<Void> exchange(WebsocketInbound in, WebsocketOutbound out, Map<String, String> parameters) {
        send(Map.of("event", "connected", "protocol", "Call", "version", "1.0.0"));
        send(Map.of("event", "start", "sequenceNumber", seq(), "streamSid", streamSid,
                "start", Map.of("streamSid", streamSid, "accountSid", "AC" + "1".repeat(32), "callSid", callSid,
                        "tracks", List.of("inbound"), "customParameters", parameters,
                        "mediaFormat", Map.of("encoding", "audio/x-mulaw", "sampleRate", 8000, "channels", 1))));
        Flux<Long> clock = Flux.interval(Duration.ofMillis(20)).doOnNext(tick -> {
            send(Map.of("event", "media", "sequenceNumber", seq(), "streamSid", streamSid,
                    "media", Map.of("track", "inbound", "chunk", String.valueOf(tick + 1),
                            "timestamp", String.valueOf(tick * 20), "payload", speaking ? SPEECH : SILENCE)));
            echoPlayedMarks();
        });
        Mono<Void> receive = in.receive().asString().doOnNext(this::onMessage).then();
        in.receiveCloseStatus().subscribe(status -> {
            closedAt = System.nanoTime();
            closeStatus = status.code();
        });
        reactor.core.Disposable ticking = clock.subscribe();
        return Mono.when(out.sendString(outgoing.asFlux()).then(), receive).doFinally(signal -> ticking.dispose());
    }

    void say(Duration duration) throws InterruptedException {
        speaking = true;
        Thread.sleep(duration.toMillis());
        speaking = false;
    }

    /** Waits for the agent to start answering (more audio than {@code before}), then to finish. */
    boolean awaitAnswer(int before, Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (mediaReceived.get() <= before) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return awaitAgentQuiet(quiet, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /** Waits until the agent has been quiet (nothing left to play, nothing new) for {@code quiet}. */
    boolean awaitAgentQuiet(Duration quiet, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            if (playback.isEmpty() && now - lastAudioAt > quiet.toNanos() && mediaReceived.get() > 0) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    void hangUp() {
        send(Map.of("event", "stop", "sequenceNumber", seq(), "streamSid", streamSid,
                "stop", Map.of("accountSid", "AC" + "1".repeat(32), "callSid", callSid)));
        outgoing.tryEmitComplete();
    }

    /** The caller presses {@code digit} on the keypad (Twilio's {@code dtmf} message). */
    void press(String digit) {
        send(Map.of("event", "dtmf", "sequenceNumber", seq(), "streamSid", streamSid,
                "dtmf", Map.of("track", "inbound_track", "digit", digit)));
    }

    /** When (System.nanoTime) the server's close frame arrived; 0 while open. */
    long closedAt() {
        return closedAt;
    }

    /** When (System.nanoTime) the audio received so far finishes playing. */
    long playbackEnds() {
        return playbackEnds.get();
    }

    synchronized void sendRaw(String text) {
        outgoing.tryEmitNext(text);
    }

    long closeStatus() {
        return closeStatus;
    }

    private void onMessage(String text) {
        JsonNode message = JSON.readTree(text);
        received.add(message);
        long now = System.nanoTime();
        switch (message.path("event").asString()) {
            case "media" -> {
                mediaReceived.incrementAndGet();
                lastAudioAt = now;
                long ends = playbackEnds.updateAndGet(end -> Math.max(end, now) + 20_000_000L);
                playback.add(new Object[] {ends, null});
            }
            case "mark" -> playback.add(new Object[] {playbackEnds.get(), message.path("mark").path("name").asString()});
            case "clear" -> {
                clears.incrementAndGet();
                List<Object[]> pending = new ArrayList<>(playback);
                playback.clear();
                playbackEnds.set(now);
                pending.stream().filter(entry -> entry[1] != null).forEach(entry -> echoMark((String) entry[1]));
            }
            default -> { }
        }
    }

    private void echoPlayedMarks() {
        long now = System.nanoTime();
        Object[] head;
        while ((head = playback.peek()) != null && (long) head[0] <= now) {
            playback.poll();
            if (head[1] != null) {
                echoMark((String) head[1]);
            }
        }
    }

    private void echoMark(String name) {
        send(Map.of("event", "mark", "sequenceNumber", seq(), "streamSid", streamSid, "mark", Map.of("name", name)));
    }

    private synchronized void send(Map<String, ?> message) {
        outgoing.tryEmitNext(JSON.writeValueAsString(message));
    }

    private String seq() {
        return String.valueOf(sequence.incrementAndGet());
    }

    List<String> events() {
        return received.stream().map(node -> node.path("event").asString()).toList();
    }

    private static byte[] filled(byte value) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, value);
        return frame;
    }

    private static byte[] speechFrame() {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            double t = i / 8000.0;
            double voice = Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 300 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t);
            frame[i] = G711.linearToMulaw((int) (6000 * voice));
        }
        return frame;
    }
}
