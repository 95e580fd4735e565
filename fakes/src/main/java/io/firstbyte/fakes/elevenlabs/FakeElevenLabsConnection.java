package io.firstbyte.fakes.elevenlabs;

import io.firstbyte.fakes.voice.FakeVoice;
import io.firstbyte.fakes.voice.MidStreamDrop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Base64;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One client socket of {@link FakeElevenLabsServer}: what it received and whether the client closed it. */
public final class FakeElevenLabsConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeVoice voice;
    private final Map<String, String> query;
    private final Sinks.Many<Flux<WebSocketFrame>> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder buffered = new StringBuilder();
    private final AtomicInteger audioMessages = new AtomicInteger();
    private int flushes;
    private volatile boolean finalSent;
    private volatile boolean clientClosed;
    private volatile boolean closed;
    private volatile @Nullable Connection connection;

    FakeElevenLabsConnection(FakeVoice voice, Map<String, String> query) {
        this.voice = voice;
        this.query = Map.copyOf(query);
    }

    Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        in.withConnection(c -> connection = c);
        Mono<Void> receiving = in.receiveFrames().ofType(TextWebSocketFrame.class)
                .doOnNext(frame -> received(JSON.readTree(frame.text())))
                .doFinally(signal -> {
                    closed = true;
                    clientClosed |= !finalSent;
                })
                .then();
        Mono<Void> sending = out.sendObject(jobs.asFlux().concatMap(job -> job).takeWhile(frame -> !clientClosed)).then();
        return Mono.when(receiving, sending);
    }

    private synchronized void received(JsonNode message) {
        messages.add(message);
        String text = message.path("text").asString("");
        if (messages.size() == 1) {
            if (!text.equals(" ")) {
                jobs.tryEmitNext(Flux.just(new CloseWebSocketFrame(1008, "first message must be a single space")));
            }
            return;
        }
        if (text.isEmpty()) {
            String rest = takeBuffered();
            jobs.tryEmitNext(speak(rest, ++flushes).concatWith(Flux.defer(() -> {
                finalSent = true;
                return Flux.just(new TextWebSocketFrame("{\"isFinal\":true}"), new CloseWebSocketFrame(1000, ""));
            })));
            return;
        }
        buffered.append(text);
        if (message.path("flush").asBoolean(false)) {
            jobs.tryEmitNext(speak(takeBuffered(), ++flushes));
        }
    }

    private String takeBuffered() {
        String text = buffered.toString();
        buffered.setLength(0);
        return text;
    }

    private Flux<WebSocketFrame> speak(String text, int tag) {
        if (text.isEmpty()) {
            return Flux.empty();
        }
        return switch (voice.mode()) {
            case SILENT -> Flux.never();
            case ERROR -> Flux.just(new TextWebSocketFrame("{\"message\":\"the fake failed\",\"error\":\"internal_error\",\"code\":1011}"),
                    new CloseWebSocketFrame(1011, "internal error"));
            case DROP_MID_STREAM -> MidStreamDrop.sendThenDrop(connection, chunks(text, tag));
            case NORMAL -> chunks(text, tag);
        };
    }

    private Flux<WebSocketFrame> chunks(String text, int tag) {
        int total = voice.audioFor(text, tag).length;
        AtomicInteger spokenBytes = new AtomicInteger();
        AtomicInteger spokenChars = new AtomicInteger();
        return voice.speak(text, tag).map(bytes -> {
            int bytesSoFar = spokenBytes.addAndGet(bytes.length);
            int charsEnd = (int) Math.round((double) text.length() * bytesSoFar / total);
            int from = spokenChars.getAndSet(charsEnd);
            audioMessages.incrementAndGet();
            return message(bytes, text.substring(from, charsEnd));
        });
    }

    private static WebSocketFrame message(byte[] audio, String characters) {
        ObjectNode message = JSON.createObjectNode().put("audio", Base64.getEncoder().encodeToString(audio)).putNull("isFinal");
        ObjectNode alignment = message.putObject("alignment");
        ArrayNode chars = alignment.putArray("chars");
        ArrayNode starts = alignment.putArray("charStartTimesMs");
        ArrayNode durations = alignment.putArray("charDurationsMs");
        for (int i = 0; i < characters.length(); i++) {
            chars.add(String.valueOf(characters.charAt(i)));
            starts.add(i * 50);
            durations.add(50);
        }
        message.set("normalizedAlignment", alignment.deepCopy());
        return new TextWebSocketFrame(JSON.writeValueAsString(message));
    }


    /** Every message received, BOS first. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    public Map<String, String> query() {
        return query;
    }

    /** Whether the client closed the socket before the fake sent {@code isFinal} (barge-in). */
    public boolean closedByClient() {
        return clientClosed;
    }

    public boolean isClosed() {
        return closed;
    }

    public int audioMessagesSent() {
        return audioMessages.get();
    }
}
