package io.firstbyte.fakes.aura;

import io.firstbyte.fakes.voice.FakeVoice;
import io.firstbyte.fakes.voice.MidStreamDrop;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One client socket of {@link FakeAuraServer}: what it received, and its speech in order. */
public final class FakeAuraConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeVoice voice;
    private final Map<String, String> query;
    private final Sinks.Many<Flux<WebSocketFrame>> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder buffered = new StringBuilder();
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger audioFrames = new AtomicInteger();
    private int flushes;
    private int clears;
    private volatile @Nullable Connection connection;
    private volatile boolean closed;

    FakeAuraConnection(FakeVoice voice, Map<String, String> query) {
        this.voice = voice;
        this.query = Map.copyOf(query);
    }

    Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        in.withConnection(c -> connection = c);
        Mono<Void> receiving = in.receiveFrames().ofType(TextWebSocketFrame.class)
                .doOnNext(frame -> received(frame.text()))
                .doFinally(signal -> closed = true)
                .then();
        return Mono.when(receiving, out.sendObject(jobs.asFlux().concatMap(job -> job)).then());
    }

    private synchronized void received(String text) {
        messages.add(text);
        JsonNode message = JSON.readTree(text);
        switch (message.path("type").asString("")) {
            case "Speak" -> buffered.append(message.path("text").asString(""));
            case "Flush" -> {
                String speech = buffered.toString();
                buffered.setLength(0);
                int sequence = flushes++;
                int startedIn = generation.get();
                jobs.tryEmitNext(Flux.defer(() -> flush(speech, sequence, startedIn)));
            }
            case "Clear" -> {
                buffered.setLength(0);
                generation.incrementAndGet();
                int sequence = clears++;
                jobs.tryEmitNext(Flux.just(text("{\"type\":\"Cleared\",\"sequence_id\":" + sequence + "}")));
            }
            case "Close" -> jobs.tryEmitNext(Flux.just(new CloseWebSocketFrame(1000, "")));
            default -> { }
        }
    }

    private Flux<WebSocketFrame> flush(String speech, int sequence, int startedIn) {
        if (generation.get() != startedIn) {
            return Flux.empty();
        }
        return switch (voice.mode()) {
            case SILENT -> Flux.interval(Duration.ofMillis(10)).takeWhile(tick -> generation.get() == startedIn)
                    .thenMany(Flux.empty());
            case ERROR -> Flux.just(new CloseWebSocketFrame(1011, "NET-0000"));
            case DROP_MID_STREAM -> MidStreamDrop.sendThenDrop(connection, audio(speech, sequence, startedIn));
            case NORMAL -> audio(speech, sequence, startedIn).concatWith(Flux.defer(() -> generation.get() == startedIn
                    ? Flux.just(text("{\"type\":\"Flushed\",\"sequence_id\":" + sequence + "}"))
                    : Flux.empty()));
        };
    }

    private Flux<WebSocketFrame> audio(String speech, int sequence, int startedIn) {
        AtomicInteger afterClear = new AtomicInteger();
        return voice.speak(speech, sequence + 1)
                // A frame already on its way when Clear arrives is still delivered.
                .takeWhile(bytes -> generation.get() == startedIn || afterClear.getAndIncrement() < 1)
                .map(bytes -> {
                    audioFrames.incrementAndGet();
                    return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
                });
    }

    private static WebSocketFrame text(String json) {
        return new TextWebSocketFrame(json);
    }


    /** Every TEXT message received (Speak, Flush, Clear, Close), in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    public Map<String, String> query() {
        return query;
    }

    public int audioFramesSent() {
        return audioFrames.get();
    }

    public boolean isClosed() {
        return closed;
    }
}
