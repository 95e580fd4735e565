package io.firstbyte.adapters.tts.cartesia;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.tts.AnswerAudio;
import io.firstbyte.pipeline.error.ErrorCategory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * One answer as a Cartesia context. Clause {@code k} is sent, then flushed; Cartesia tags its audio
 * with flush id {@code k + 1} and answers {@code flush_done} for that id when the clause is complete,
 * which gives each audio chunk its clause. {@code done} ends the context, {@code error} fails it.
 */
final class CartesiaContext {

    private final String id;
    private final AnswerAudio audio;
    private final List<Integer> clauseOfFlush = new CopyOnWriteArrayList<>();

    CartesiaContext(String id, AnswerAudio audio) {
        this.id = id;
        this.audio = audio;
    }

    String id() {
        return id;
    }

    AnswerAudio audio() {
        return audio;
    }

    /** Clause {@code index} was sent and flushed: it is flush number {@code n} of this context. */
    void flushed(int index) {
        clauseOfFlush.add(index);
        audio.submitted(index);
    }

    void received(JsonNode message) {
        switch (message.path("type").asString("")) {
            case "chunk" -> chunk(message);
            case "flush_done" -> {
                Integer clause = clauseOf(message);
                if (clause != null) {
                    audio.clauseDone(clause);
                }
            }
            case "done" -> audio.finished();
            case "error" -> audio.fail(error(message));
            default -> {
                if (message.path("done").asBoolean(false)) {
                    audio.finished();
                }
            }
        }
    }

    private void chunk(JsonNode message) {
        byte[] bytes = Base64.getDecoder().decode(message.path("data").asString(""));
        Integer clause = clauseOf(message);
        if (clause != null) {
            audio.audio(clause, bytes);
        } else {
            audio.audio(bytes);
        }
    }

    private Integer clauseOf(JsonNode message) {
        int flushId = message.path("flush_id").asInt(0);
        return flushId >= 1 && flushId <= clauseOfFlush.size() ? clauseOfFlush.get(flushId - 1) : null;
    }

    private static ProviderFailure error(JsonNode message) {
        int status = message.path("status_code").asInt(500);
        String text = message.path("message").asString(message.path("error").asString("unknown error"));
        String code = message.path("error_code").asString("");
        ErrorCategory category = status >= 400 && status != 200 && status != 206 ? FailureClassifier.forStatus(status) : ErrorCategory.SERVER;
        return ProviderFailure.of(CartesiaSession.PROVIDER, category, "error " + status + " " + code + ": " + text);
    }
}
