package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads Deepgram's messages into speech events. {@code Results} with {@code is_final:false} are
 * interim; {@code is_final:true} pieces are final and {@code speech_final:true} adds the end of
 * speech. {@code UtteranceEnd} ends speech too, unless {@code speech_final} already ended it and
 * no final came since. {@code SpeechStarted} becomes speech started. Deepgram's times count from
 * the start of the socket's audio; {@code offsetMillis} moves them onto the caller-audio clock.
 * One per call.
 */
final class ResultsReader {

    private final ObjectMapper json;
    private boolean finalsSinceEnd;

    ResultsReader(ObjectMapper json) {
        this.json = json;
    }

    /** The events in one message; an unknown message type gives none. Throws on malformed JSON. */
    List<SpeechEvent> read(String message, long offsetMillis) {
        JsonNode node = json.readTree(message);
        return switch (node.path("type").asString("")) {
            case "Results" -> results(node);
            case "SpeechStarted" -> List.of(new SpeechStarted(offsetMillis + seconds(node.path("timestamp"))));
            case "UtteranceEnd" -> utteranceEnd();
            default -> List.of();
        };
    }

    private List<SpeechEvent> results(JsonNode node) {
        String transcript = node.path("channel").path("alternatives").path(0).path("transcript").asString("");
        if (!node.path("is_final").asBoolean(false)) {
            return transcript.isBlank() ? List.of() : List.of(new TranscriptInterim(transcript));
        }
        List<SpeechEvent> events = new ArrayList<>(2);
        if (!transcript.isBlank()) {
            events.add(new TranscriptFinal(transcript));
            finalsSinceEnd = true;
        }
        if (node.path("speech_final").asBoolean(false)) {
            events.add(new EndOfSpeech());
            finalsSinceEnd = false;
        }
        return events;
    }

    private List<SpeechEvent> utteranceEnd() {
        if (!finalsSinceEnd) {
            return List.of();
        }
        finalsSinceEnd = false;
        return List.of(new EndOfSpeech());
    }

    private static long seconds(JsonNode value) {
        return Math.round(value.asDouble(0) * 1000);
    }
}
