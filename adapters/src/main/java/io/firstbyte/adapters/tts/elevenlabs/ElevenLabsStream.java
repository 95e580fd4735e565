package io.firstbyte.adapters.tts.elevenlabs;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.WebSocketLink;
import io.firstbyte.adapters.http.WsFrame;
import io.firstbyte.adapters.tts.AnswerAudio;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One stream-input socket, used for one answer (the protocol ends a stream with {@code isFinal}
 * and closes the socket). It is opened ahead of its answer: BOS goes out at once, so the handshake
 * and BOS are done before the answer needs them.
 */
final class ElevenLabsStream implements WebSocketLink.Listener {

    static final String PROVIDER = "elevenlabs";

    private final ObjectMapper json;
    private final long openedAtNanos;
    private final ClauseChars chars = new ClauseChars();
    private final AtomicLong lateMessages;
    private final WebSocketLink link;
    private @Nullable AnswerAudio answer;
    private @Nullable ProviderException failedBeforeUse;
    private boolean closedByUs;

    ElevenLabsStream(ObjectMapper json, String beginning, long openedAtNanos, AtomicLong lateMessages,
                     Function<WebSocketLink.Listener, WebSocketLink> connect) {
        this.json = json;
        this.openedAtNanos = openedAtNanos;
        this.lateMessages = lateMessages;
        this.link = connect.apply(this);
        link.send(WsFrame.text(beginning));
    }

    long openedAtNanos() {
        return openedAtNanos;
    }

    boolean isUsable() {
        return link.isOpen();
    }

    /** This stream now speaks {@code audio}'s answer; a failure that came before is reported to it. */
    synchronized void attach(AnswerAudio audio) {
        answer = audio;
        if (failedBeforeUse != null) {
            audio.fail(failedBeforeUse);
        }
    }

    /** Sends a clause and forces it to be spoken now. */
    synchronized void speak(int clause, String text) {
        String piece = text.endsWith(" ") ? text : text + " ";
        chars.sent(clause, piece.length());
        if (answer != null) {
            answer.submitted(clause);
        }
        send(json.writeValueAsString(json.createObjectNode().put("text", piece).put("flush", true)));
    }

    /** End of stream: the server speaks what is left, sends {@code isFinal} and closes. */
    void end() {
        send("{\"text\":\"\"}");
    }

    private void send(String message) {
        link.sendOrThrow(WsFrame.text(message));
    }

    /** Barge-in, or the answer is over: close the socket; anything still arriving is dropped. */
    synchronized void close() {
        closedByUs = true;
        link.close();
    }

    @Override
    public synchronized void frame(WsFrame frame) {
        AnswerAudio audio = answer;
        if (closedByUs || audio == null || !(frame instanceof WsFrame.Text text)) {
            lateMessages.incrementAndGet();
            return;
        }
        try {
            received(json.readTree(text.text()), audio);
        } catch (JacksonException | IllegalArgumentException malformed) {
            audio.fail(ProviderFailure.of(PROVIDER, ErrorCategory.PROTOCOL, "malformed message: " + malformed.getMessage()));
        }
    }

    private void received(JsonNode message, AnswerAudio audio) {
        JsonNode data = message.path("audio");
        if (data.isString() && !data.stringValue().isEmpty()) {
            chunk(Base64.getDecoder().decode(data.stringValue()), message.path("alignment"), audio);
        }
        if (message.path("isFinal").asBoolean(false)) {
            audio.finished();
        } else if (!data.isString() && (message.has("error") || message.has("message"))) {
            audio.fail(error(message));
        }
    }

    private void chunk(byte[] bytes, JsonNode alignment, AnswerAudio audio) {
        int clause = chars.current();
        if (clause < 0 || !alignment.path("chars").isArray()) {
            audio.audio(bytes);
            return;
        }
        audio.audio(clause, bytes);
        chars.spoke(alignment.path("chars").size()).forEach(audio::clauseDone);
    }

    private static ProviderFailure error(JsonNode message) {
        String text = message.path("message").asString("") + " " + message.path("error").asString("");
        String lower = text.toLowerCase(Locale.ROOT);
        ErrorCategory category = lower.contains("api_key") || lower.contains("unauthor") || lower.contains("auth")
                ? ErrorCategory.AUTHENTICATION
                : lower.contains("quota") || lower.contains("rate") || lower.contains("limit")
                ? ErrorCategory.RATE_LIMIT
                : ErrorCategory.SERVER;
        return ProviderFailure.of(PROVIDER, category, "error: " + text.strip());
    }

    @Override
    public synchronized void closed(@Nullable ProviderException failure) {
        if (closedByUs) {
            return;
        }
        ProviderException reason = failure != null ? failure
                : ProviderFailure.of(PROVIDER, ErrorCategory.CONNECTIVITY, "socket closed before isFinal");
        if (answer == null) {
            failedBeforeUse = reason;
        } else if (!answer.isEnded()) {
            answer.fail(reason);
        }
    }
}
