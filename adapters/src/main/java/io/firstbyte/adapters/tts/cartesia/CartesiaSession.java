package io.firstbyte.adapters.tts.cartesia;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.WebSocketLink;
import io.firstbyte.adapters.http.WsFrame;
import io.firstbyte.adapters.tts.AnswerAudio;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One call's Cartesia socket, shared by its answers, one context each. */
final class CartesiaSession implements TtsSession, WebSocketLink.Listener {

    private static final Logger log = LoggerFactory.getLogger(CartesiaSession.class);
    static final String PROVIDER = "cartesia";

    private final CallContext call;
    private final ObjectMapper json;
    private final CartesiaRequests requests;
    private final Supplier<WebSocketLink> connector;
    private final Map<String, CartesiaContext> contexts = new ConcurrentHashMap<>();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicLong lateChunks = new AtomicLong();
    private final AtomicBoolean badMessageLogged = new AtomicBoolean();
    private volatile @Nullable WebSocketLink link;
    private volatile boolean disposed;

    CartesiaSession(CallContext call, ObjectMapper json, CartesiaRequests requests,
                    java.util.function.Function<WebSocketLink.Listener, WebSocketLink> connect) {
        this.call = call;
        this.json = json;
        this.requests = requests;
        this.connector = () -> connect.apply(this);
        this.link = connector.get();
    }

    @Override
    public Flux<TtsAudio> speak(Flux<Clause> clauses) {
        return Flux.defer(() -> {
            WebSocketLink socket = link();
            CartesiaContext context = new CartesiaContext(call.callId() + "-a" + answers.incrementAndGet(), new AnswerAudio(PROVIDER));
            contexts.put(context.id(), context);
            Mono<TtsAudio> sending = clauses
                    .filter(clause -> !clause.text().isBlank())
                    .doOnNext(clause -> {
                        context.flushed(clause.index());
                        send(socket, requests.text(context.id(), clause.text()));
                        send(socket, requests.flush(context.id()));
                    })
                    .then(Mono.fromRunnable(() -> {
                        send(socket, requests.end(context.id()));
                        context.audio().noMoreClauses();
                    }));
            return context.audio().whileSending(sending)
                    .doFinally(signal -> finish(socket, context, signal));
        });
    }

    private void finish(WebSocketLink socket, CartesiaContext context, SignalType signal) {
        contexts.remove(context.id());
        if (signal != SignalType.ON_COMPLETE) {
            // Barge-in or failure: stop generating; whatever audio is already on its way is dropped by context id.
            socket.send(WsFrame.text(requests.cancel(context.id())));
        }
    }

    private static void send(WebSocketLink socket, String message) {
        socket.sendOrThrow(WsFrame.text(message));
    }

    private WebSocketLink link() {
        WebSocketLink current = link;
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (this) {
            if (disposed) {
                throw ProviderFailure.of(PROVIDER, ErrorCategory.CONNECTIVITY, "session disposed");
            }
            if (link == null || !link.isOpen()) {
                link = connector.get();
            }
            return link;
        }
    }

    @Override
    public void frame(WsFrame frame) {
        if (!(frame instanceof WsFrame.Text text)) {
            return;
        }
        JsonNode message;
        try {
            message = json.readTree(text.text());
        } catch (JacksonException malformed) {
            if (badMessageLogged.compareAndSet(false, true)) {
                log.warn("call {}: skipping a malformed Cartesia message (logged once per call)", call.callId());
            }
            return;
        }
        CartesiaContext context = contexts.get(message.path("context_id").asString(""));
        if (context == null) {
            lateChunks.incrementAndGet();
        } else {
            context.received(message);
        }
    }

    @Override
    public void closed(@Nullable ProviderException failure) {
        ProviderException reason = failure != null ? failure
                : ProviderFailure.of(PROVIDER, ErrorCategory.CONNECTIVITY, "socket closed by the provider");
        contexts.values().forEach(context -> context.audio().fail(reason));
        if (failure != null && !disposed) {
            log.warn("call {}: Cartesia socket closed: {}", call.callId(), failure.getMessage());
        }
    }

    /** Messages that arrived for a context no longer listened to (cancelled answers). */
    long lateMessagesDropped() {
        return lateChunks.get();
    }

    @Override
    public void dispose() {
        disposed = true;
        WebSocketLink current = link;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
