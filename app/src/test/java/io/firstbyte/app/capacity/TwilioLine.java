package io.firstbyte.app.capacity;

import io.firstbyte.pipeline.audio.G711;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.ObjectMapper;

/**
 * One caller on a Twilio media stream, kept open in the background: {@code connected}, {@code start},
 * then a {@code media} frame every 20 ms (silence, or speech while {@link #speaking}), until
 * {@link #hangUp()} or the server closes. Echoes each mark at once (as if played), so turns end and are
 * traced. Counts the agent's audio frames and remembers when and how the connection ended, or why it never opened.
 */
public final class TwilioLine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SILENCE = Base64.getEncoder().encodeToString(filled((byte) 0xFF));
    private static final String SPEECH = Base64.getEncoder().encodeToString(speech());

    public final String callSid = "CA" + Long.toHexString(System.nanoTime()) + "0".repeat(16);
    private final String streamSid = "MZ" + Long.toHexString(System.nanoTime()) + "1".repeat(16);
    private final AtomicInteger audio = new AtomicInteger();
    private final AtomicLong lastAudioAt = new AtomicLong();
    private final AtomicLong closedAt = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The caller's messages after {@code start}: frames and marks, in the order they were made. */
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean speaking;
    private boolean hungUp;
    private final Disposable connection;

    private TwilioLine(int port, Map<String, String> parameters) {
        Flux<String> opening = Flux.just(message(Map.of("event", "connected", "protocol", "Call", "version", "1.0.0")),
                message(Map.of("event", "start", "sequenceNumber", seq(), "streamSid", streamSid,
                        "start", Map.of("streamSid", streamSid, "accountSid", "AC" + "1".repeat(32), "callSid", callSid,
                                "tracks", List.of("inbound"), "customParameters", parameters,
                                "mediaFormat", Map.of("encoding", "audio/x-mulaw", "sampleRate", 8000, "channels", 1)))));
        this.connection = HttpClient.create().websocket()
                .uri(URI.create("ws://127.0.0.1:" + port + "/twilio/media"))
                .handle((in, out) -> {
                    // The clock feeds a buffer rather than the socket's demand: after a stall (a pause of the
                    // test's JVM) a fixed-rate clock fires its missed ticks at once, which must not fail the call.
                    Disposable clock = Flux.interval(Duration.ofMillis(20)).subscribe(this::tick);
                    Mono<Void> heard = in.receive().asString()
                            .doOnNext(this::received)
                            .then();
                    Flux<String> sent = Flux.concat(opening, outgoing.asFlux());
                    return Mono.firstWithSignal(out.sendString(sent).then().then(Mono.<Void>never()), heard)
                            .doFinally(signal -> clock.dispose());
                })
                .doFinally(signal -> closedAt.compareAndSet(0, System.nanoTime()))
                .subscribe(ignored -> { }, failure::set);
    }

    private synchronized void tick(long tick) {
        if (hungUp) {
            return;
        }
        outgoing.tryEmitNext(message(Map.of("event", "media", "sequenceNumber", seq(), "streamSid", streamSid,
                "media", Map.of("track", "inbound", "chunk", String.valueOf(tick + 1), "timestamp", String.valueOf(tick * 20),
                        "payload", speaking ? SPEECH : SILENCE))));
    }

    private synchronized void received(String text) {
        if (text.contains("\"media\"")) {
            audio.incrementAndGet();
            lastAudioAt.set(System.nanoTime());
        } else if (text.contains("\"mark\"") && !hungUp) {
            String name = JSON.readTree(text).path("mark").path("name").asString();
            outgoing.tryEmitNext(message(Map.of("event", "mark", "sequenceNumber", seq(), "streamSid", streamSid,
                    "mark", Map.of("name", name))));
        }
    }

    /** Dials the demo salon on {@code port} with these stream parameters (a caller script, for example). */
    public static TwilioLine dial(int port, Map<String, String> parameters) {
        return new TwilioLine(port, parameters);
    }

    public static TwilioLine dial(int port) {
        return dial(port, Map.of("From", "+15550001111", "To", "+15550100100"));
    }

    /** Agent audio frames received so far. */
    public int audioFrames() {
        return audio.get();
    }

    /** When the last agent audio frame arrived ({@link System#nanoTime()}), 0 before any. */
    public long lastAudioAt() {
        return lastAudioAt.get();
    }

    public boolean closed() {
        return closedAt.get() != 0;
    }

    public long closedAt() {
        return closedAt.get();
    }

    /** Why the connection failed (for example the upgrade's 503), if it did. */
    public Throwable failure() {
        return failure.get();
    }

    public void speaking(boolean speaking) {
        this.speaking = speaking;
    }

    /** Sends {@code stop}; the server then ends the call. */
    public synchronized void hangUp() {
        if (!hungUp) {
            hungUp = true;
            outgoing.tryEmitNext(message(Map.of("event", "stop", "sequenceNumber", seq(), "streamSid", streamSid,
                    "stop", Map.of("accountSid", "AC" + "1".repeat(32), "callSid", callSid))));
            outgoing.tryEmitComplete();
        }
    }

    @Override
    public void close() {
        hangUp();
        connection.dispose();
    }

    private String seq() {
        return String.valueOf(sequence.incrementAndGet());
    }

    private static String message(Map<String, ?> fields) {
        return JSON.writeValueAsString(fields);
    }

    private static byte[] filled(byte value) {
        byte[] frame = new byte[160];
        Arrays.fill(frame, value);
        return frame;
    }

    private static byte[] speech() {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            double t = i / 8000.0;
            double voice = Math.sin(2 * Math.PI * 150 * t) + 0.5 * Math.sin(2 * Math.PI * 300 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t);
            frame[i] = G711.linearToMulaw((int) (6000 * voice));
        }
        return frame;
    }
}
