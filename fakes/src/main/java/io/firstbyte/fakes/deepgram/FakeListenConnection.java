package io.firstbyte.fakes.deepgram;

import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client socket of {@link FakeDeepgramListenServer}. It listens like Deepgram: voiced mu-law
 * audio starts an utterance ({@code SpeechStarted} with {@code vad_events=true}, interim
 * {@code Results} every 200 ms of speech with {@code interim_results=true}, and optionally one with the
 * whole utterance at its first pause); {@code endpointing} ms
 * of silence end it with a final {@code Results} carrying {@code speech_final:true} and the next
 * scripted transcript; {@code utterance_end_ms} more give {@code UtteranceEnd}. {@code Finalize}
 * finalizes at once ({@code from_finalize:true}); {@code CloseStream} flushes, sends
 * {@code Metadata} and closes 1000; an empty binary frame closes the stream; 10 s without audio or
 * {@code KeepAlive} closes 1011 {@code NET-0001}. Times are seconds of this socket's audio.
 */
public final class FakeListenConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> query;
    private final String authorization;
    private final Supplier<String> transcripts;
    private final Duration idleTimeout;
    private final Supplier<Duration> latency;
    private final BooleanSupplier interimAtPauses;
    private final Sinks.Many<Due> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final List<String> controls = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile @Nullable Connection connection;
    private volatile @Nullable WebSocketCloseStatus clientClose;
    private volatile boolean closed;
    private volatile boolean dropRequested;
    private volatile long lastActivityNanos = System.nanoTime();
    private long audioMillis;
    private boolean speaking;
    private long utteranceStartMillis;
    private long silenceMillis;
    private long voicedSinceInterim;
    private @Nullable String transcript;
    private boolean awaitingUtteranceEnd;

    /** A message and when it may leave: the fake's processing latency after the audio that caused it. */
    private record Due(WebSocketFrame frame, long atNanos) {
    }

    FakeListenConnection(Map<String, String> query, String authorization, Supplier<String> transcripts, Duration idleTimeout,
                         Supplier<Duration> latency, BooleanSupplier interimAtPauses) {
        this.latency = latency;
        this.interimAtPauses = interimAtPauses;
        this.query = Map.copyOf(query);
        this.authorization = authorization;
        this.transcripts = transcripts;
        this.idleTimeout = idleTimeout;
    }

    Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        in.withConnection(c -> {
            connection = c;
            if (dropRequested) {
                c.channel().close();
            }
        });
        Mono<Void> sending = out.sendObject(outbound.asFlux().concatMap(due -> {
            long wait = due.atNanos() - System.nanoTime();
            return wait > 0 ? Mono.delay(Duration.ofNanos(wait)).thenReturn(due.frame()) : Mono.just(due.frame());
        })).then();
        Mono<Void> receiving = in.receiveFrames().doOnNext(this::received).then();
        Mono<Void> closeStatus = in.receiveCloseStatus().doOnNext(status -> clientClose = status).then();
        Mono<Void> idle = Flux.interval(Duration.ofMillis(100))
                .filter(tick -> System.nanoTime() - lastActivityNanos > idleTimeout.toNanos())
                .next()
                .doOnNext(tick -> close(1011, "NET-0001"))
                .then();
        return Mono.when(sending, receiving, closeStatus).or(idle.then(Mono.never()));
    }

    private synchronized void received(WebSocketFrame frame) {
        lastActivityNanos = System.nanoTime();
        if (frame instanceof BinaryWebSocketFrame binary) {
            byte[] bytes = ByteBufUtil.getBytes(binary.content());
            if (bytes.length == 0) {
                close(1000, "empty audio frame");
                return;
            }
            audio.writeBytes(bytes);
            listen(bytes);
        } else if (frame instanceof TextWebSocketFrame text) {
            control(text.text());
        }
    }

    private void control(String message) {
        controls.add(message);
        String type = JSON.readTree(message).path("type").asString("");
        switch (type) {
            case "Finalize" -> {
                if (speaking && transcript != null) {
                    sendResults(transcript, true, false, true);
                    transcript = "";
                }
            }
            case "CloseStream" -> {
                if (speaking) {
                    endUtterance();
                }
                send(JSON.createObjectNode().put("type", "Metadata").put("request_id", "fake")
                        .put("duration", audioMillis / 1000.0).put("channels", 1));
                close(1000, "");
            }
            default -> { }
        }
    }

    private void listen(byte[] bytes) {
        long millis = bytes.length / 8;
        boolean voiced = Pcm16.levelDbfs(G711.decodeMulaw(bytes)) > -35;
        audioMillis += millis;
        if (voiced) {
            voiced(millis);
        } else if (speaking) {
            if (silenceMillis == 0 && flag("interim_results") && interimAtPauses.getAsBoolean()
                    && transcript != null && !transcript.isEmpty()) {
                sendResults(transcript, false, false, false);
            }
            silenceMillis += millis;
            if (silenceMillis >= option("endpointing", 10)) {
                endUtterance();
            }
        } else if (awaitingUtteranceEnd) {
            silenceMillis += millis;
            if (silenceMillis >= option("utterance_end_ms", Long.MAX_VALUE)) {
                awaitingUtteranceEnd = false;
                send(JSON.createObjectNode().put("type", "UtteranceEnd").put("last_word_end", seconds(audioMillis - silenceMillis)));
            }
        }
    }

    private void voiced(long millis) {
        silenceMillis = 0;
        awaitingUtteranceEnd = false;
        if (!speaking) {
            speaking = true;
            utteranceStartMillis = audioMillis - millis;
            transcript = transcripts.get();
            voicedSinceInterim = 0;
            if (flag("vad_events")) {
                send(JSON.createObjectNode().put("type", "SpeechStarted").put("timestamp", seconds(utteranceStartMillis)));
            }
        }
        voicedSinceInterim += millis;
        if (flag("interim_results") && voicedSinceInterim >= 200 && transcript != null && !transcript.isEmpty()) {
            voicedSinceInterim = 0;
            String[] words = transcript.split(" ");
            sendResults(String.join(" ", List.of(words).subList(0, (words.length + 1) / 2)), false, false, false);
        }
    }

    private void endUtterance() {
        speaking = false;
        sendResults(transcript == null ? "" : transcript, true, true, false);
        transcript = null;
        silenceMillis = 0;
        awaitingUtteranceEnd = true;
    }

    private void sendResults(String text, boolean isFinal, boolean speechFinal, boolean fromFinalize) {
        ObjectNode results = JSON.createObjectNode().put("type", "Results")
                .put("duration", seconds(audioMillis - utteranceStartMillis)).put("start", seconds(utteranceStartMillis))
                .put("is_final", isFinal).put("speech_final", speechFinal).put("from_finalize", fromFinalize);
        results.putArray("channel_index").add(0).add(1);
        ObjectNode alternative = results.putObject("channel").putArray("alternatives").addObject()
                .put("transcript", text).put("confidence", 0.98);
        alternative.putArray("words");
        results.putObject("metadata").put("request_id", "fake").put("model_uuid", "fake");
        send(results);
    }

    private void send(ObjectNode message) {
        send(JSON.writeValueAsString(message));
    }

    /** Sends a TEXT message as Deepgram would (any JSON the test wants). */
    public synchronized void send(String message) {
        if (!closed) {
            sent.add(message);
            outbound.tryEmitNext(new Due(new TextWebSocketFrame(message), System.nanoTime() + latency.get().toNanos()));
        }
    }

    /** Closes the socket with a close frame, as Deepgram does on errors. */
    public synchronized void close(int code, String reason) {
        if (!closed) {
            closed = true;
            outbound.tryEmitNext(new Due(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(code, reason), System.nanoTime()));
            outbound.tryEmitComplete();
        }
    }

    /** Drops the TCP connection without a close frame (a network failure). */
    public void drop() {
        closed = true;
        dropRequested = true;
        Connection c = connection;
        if (c != null) {
            c.channel().close();
        }
    }

    public Map<String, String> query() {
        return query;
    }

    public String authorization() {
        return authorization;
    }

    /** Every audio byte received, in order. */
    public synchronized byte[] audio() {
        return audio.toByteArray();
    }

    /** The TEXT messages received from the client (KeepAlive, Finalize, CloseStream...). */
    public List<String> controlMessages() {
        return List.copyOf(controls);
    }

    public List<String> sentMessages() {
        return List.copyOf(sent);
    }

    /** The close frame the client sent, if any. */
    public @Nullable WebSocketCloseStatus clientClose() {
        return clientClose;
    }

    public boolean isClosed() {
        return closed || clientClose != null;
    }

    private boolean flag(String name) {
        return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }

    private long option(String name, long fallback) {
        try {
            return Long.parseLong(query.getOrDefault(name, Long.toString(fallback)));
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
