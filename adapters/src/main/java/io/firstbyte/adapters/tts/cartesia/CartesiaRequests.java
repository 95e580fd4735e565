package io.firstbyte.adapters.tts.cartesia;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes Cartesia's generation, flush, end-of-context and cancel requests. */
final class CartesiaRequests {

    private final ObjectMapper json;
    private final CartesiaConfig config;

    CartesiaRequests(ObjectMapper json, CartesiaConfig config) {
        this.json = json;
        this.config = config;
    }

    /** A piece of the answer's text; pieces are concatenated as sent, so each ends with a space. */
    String text(String contextId, String text) {
        String piece = text.endsWith(" ") ? text : text + " ";
        return json.writeValueAsString(generation(contextId, piece, true));
    }

    /** Forces what the context holds to be spoken; its audio is then tagged with the next flush id. */
    String flush(String contextId) {
        return json.writeValueAsString(generation(contextId, "", true).put("flush", true));
    }

    /** No more text for this context. */
    String end(String contextId) {
        return json.writeValueAsString(generation(contextId, "", false));
    }

    String cancel(String contextId) {
        return json.writeValueAsString(json.createObjectNode().put("context_id", contextId).put("cancel", true));
    }

    private ObjectNode generation(String contextId, String transcript, boolean more) {
        ObjectNode request = json.createObjectNode()
                .put("model_id", config.modelId())
                .put("transcript", transcript);
        request.putObject("voice").put("mode", "id").put("id", config.voiceId());
        request.put("language", config.language())
                .put("context_id", contextId)
                .put("continue", more)
                .put("add_timestamps", false);
        request.putObject("output_format").put("container", "raw").put("encoding", "pcm_mulaw").put("sample_rate", 8000);
        if (config.maxBufferDelayMs() >= 0) {
            request.put("max_buffer_delay_ms", config.maxBufferDelayMs());
        }
        return request;
    }
}
