package io.firstbyte.adapters.tts.deepgram;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One call's Aura socket. Aura's audio frames carry no clause, so clauses are counted: audio
 * belongs to the oldest clause not yet {@code Flushed}. After a barge-in {@code Clear}, everything
 * up to {@code Cleared} belongs to the interrupted answer and is dropped.
 */
final class AuraSession implements TtsSession, WebSocketLink.Listener {

    private static final Logger log = LoggerFactory.getLogger(AuraSession.class);
    static final String PROVIDER = "deepgram-tts";
    private static final String FLUSH = "{\"type\":\"Flush\"}";
    private static final String CLEAR = "{\"type\":\"Clear\"}";
    private static final String CLOSE = "{\"type\":\"Close\"}";

    private final CallContext call;
    private final ObjectMapper json;
    private final Function<WebSocketLink.Listener, WebSocketLink> connect;
    private final AtomicLong lateFrames = new AtomicLong();
    private volatile WebSocketLink link;
    private volatile @Nullable AnswerAudio current;
    private volatile boolean clearing;
    private volatile boolean disposed;

    AuraSession(CallContext call, ObjectMapper json, Function<WebSocketLink.Listener, WebSocketLink> connect) {
        this.call = call;
        this.json = json;
        this.connect = connect;
        this.link = connect.apply(this);
    }

    @Override
    public Flux<TtsAudio> speak(Flux<Clause> clauses) {
        return Flux.defer(() -> {
            WebSocketLink socket = link();
            AnswerAudio answer = new AnswerAudio(PROVIDER);
            current = answer;
            Mono<TtsAudio> sending = clauses
                    .filter(clause -> !clause.text().isBlank())
                    .doOnNext(clause -> {
                        answer.submitted(clause.index());
                        send(socket, speakMessage(clause.text()));
                        send(socket, FLUSH);
                    })
                    .then(Mono.fromRunnable(answer::noMoreClauses));
            return answer.whileSending(sending).doFinally(signal -> finish(socket, answer, signal));
        });
    }

    private void finish(WebSocketLink socket, AnswerAudio answer, SignalType signal) {
        if (current == answer) {
            current = null;
        }
        if (signal != SignalType.ON_COMPLETE) {
            clearing = true;
            socket.send(WsFrame.text(CLEAR));
        }
    }

    private String speakMessage(String text) {
        return json.writeValueAsString(json.createObjectNode().put("type", "Speak").put("text", text));
    }

    private static void send(WebSocketLink socket, String message) {
        socket.sendOrThrow(WsFrame.text(message));
    }

    private synchronized WebSocketLink link() {
        if (disposed) {
            throw ProviderFailure.of(PROVIDER, ErrorCategory.CONNECTIVITY, "session disposed");
        }
        if (!link.isOpen()) {
            clearing = false;
            link = connect.apply(this);
        }
        return link;
    }

    @Override
    public void frame(WsFrame frame) {
        switch (frame) {
            case WsFrame.Binary audio -> {
                AnswerAudio answer = current;
                if (clearing || answer == null || !answer.audio(audio.bytes())) {
                    lateFrames.incrementAndGet();
                }
            }
            case WsFrame.Text text -> control(text.text());
        }
    }

    private void control(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException malformed) {
            log.debug("call {}: skipping a malformed Aura message", call.callId());
            return;
        }
        AnswerAudio answer = current;
        switch (message.path("type").asString("")) {
            case "Flushed" -> {
                if (!clearing && answer != null) {
                    answer.clauseDone();
                }
            }
            case "Cleared" -> clearing = false;
            case "Warning" -> log.warn("call {}: Aura warning {}: {}", call.callId(), message.path("code").asString(""),
                    message.path("description").asString(""));
            case "Error" -> {
                if (answer != null) {
                    answer.fail(ProviderFailure.of(PROVIDER, ErrorCategory.SERVER, "error: " + message.path("description").asString("")));
                }
            }
            default -> { }
        }
    }

    @Override
    public void closed(@Nullable ProviderException failure) {
        AnswerAudio answer = current;
        if (answer != null) {
            answer.fail(failure != null ? failure : ProviderFailure.of(PROVIDER, ErrorCategory.CONNECTIVITY, "socket closed by the provider"));
        }
    }

    /** Audio frames that belonged to no live answer (cleared or late). */
    long lateFramesDropped() {
        return lateFrames.get();
    }

    @Override
    public void dispose() {
        disposed = true;
        link.send(WsFrame.text(CLOSE));
        link.close();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
