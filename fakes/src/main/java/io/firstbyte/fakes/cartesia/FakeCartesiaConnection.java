package io.firstbyte.fakes.cartesia;

import io.firstbyte.fakes.voice.FakeVoice;
import io.firstbyte.fakes.voice.MidStreamDrop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import tools.jackson.databind.node.ObjectNode;

/** One client socket of {@link FakeCartesiaServer}: what it received, and its per-context speech. */
public final class FakeCartesiaConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeVoice voice;
    private final Sinks.Many<Flux<WebSocketFrame>> jobs = Sinks.many().unicast().onBackpressureBuffer();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, StringBuilder> buffered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> flushIds = new ConcurrentHashMap<>();
    private final AtomicInteger chunksSent = new AtomicInteger();
    private volatile @Nullable Connection connection;
    private volatile boolean closed;

    FakeCartesiaConnection(FakeVoice voice) {
        this.voice = voice;
    }

    Mono<Void> handle(WebsocketInbound in, WebsocketOutbound out) {
        in.withConnection(c -> connection = c);
        Mono<Void> receiving = in.receiveFrames().ofType(TextWebSocketFrame.class)
                .doOnNext(frame -> received(JSON.readTree(frame.text())))
                .doFinally(signal -> closed = true)
                .then();
        return Mono.when(receiving, out.sendObject(jobs.asFlux().concatMap(job -> job)).then());
    }

    private synchronized void received(JsonNode request) {
        requests.add(request);
        String context = request.path("context_id").asString("");
        if (request.path("cancel").asBoolean(false)) {
            cancelled.add(context);
            return;
        }
        buffered.computeIfAbsent(context, c -> new StringBuilder()).append(request.path("transcript").asString(""));
        flushIds.computeIfAbsent(context, c -> new AtomicInteger(1));
        boolean flush = request.path("flush").asBoolean(false);
        boolean last = !request.path("continue").asBoolean(false);
        if (flush || last) {
            String text = buffered.get(context).toString();
            buffered.get(context).setLength(0);
            jobs.tryEmitNext(answer(context, text, flush ? flushIds.get(context).getAndIncrement() : flushIds.get(context).get(),
                    flush, last));
        }
    }

    private Flux<WebSocketFrame> answer(String context, String text, int flushId, boolean flush, boolean last) {
        return switch (voice.mode()) {
            case SILENT -> Flux.never();
            case ERROR -> Flux.just(frame(JSON.createObjectNode().put("type", "error").put("done", true)
                    .put("title", "Internal error").put("message", "the fake failed").put("error_code", "internal_error")
                    .put("status_code", 500).put("context_id", context)));
            case DROP_MID_STREAM -> MidStreamDrop.sendThenDrop(connection, speech(context, text, flushId));
            case NORMAL -> {
                Flux<WebSocketFrame> speech = text.isBlank() ? Flux.empty() : speech(context, text, flushId);
                Flux<WebSocketFrame> tail = Flux.defer(() -> {
                    if (cancelled.contains(context)) {
                        return Flux.empty();
                    }
                    Flux<WebSocketFrame> ends = Flux.empty();
                    if (flush) {
                        ends = ends.concatWith(Mono.just(frame(status(context, "flush_done").put("flush_done", true)
                                .put("flush_id", flushId))));
                    }
                    return last ? ends.concatWith(Mono.just(frame(status(context, "done").put("done", true)))) : ends;
                });
                yield speech.concatWith(tail);
            }
        };
    }

    private Flux<WebSocketFrame> speech(String context, String text, int flushId) {
        AtomicInteger afterCancel = new AtomicInteger();
        return voice.speak(text, flushId)
                // A chunk already on its way when the cancel arrives is still delivered.
                .takeWhile(bytes -> !cancelled.contains(context) || afterCancel.getAndIncrement() < 1)
                .map(bytes -> {
                    chunksSent.incrementAndGet();
                    return frame(status(context, "chunk").put("data", Base64.getEncoder().encodeToString(bytes))
                            .put("step_time", 12).put("flush_id", flushId));
                });
    }

    private static ObjectNode status(String context, String type) {
        return JSON.createObjectNode().put("type", type).put("done", false).put("status_code", 206).put("context_id", context);
    }

    private static WebSocketFrame frame(ObjectNode message) {
        return new TextWebSocketFrame(JSON.writeValueAsString(message));
    }


    /** Every request received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** Contexts the client cancelled. */
    public Set<String> cancelledContexts() {
        return Set.copyOf(cancelled);
    }

    /** Whether the client's socket has closed. */
    public boolean isClosed() {
        return closed;
    }

    public int chunksSent() {
        return chunksSent.get();
    }
}
