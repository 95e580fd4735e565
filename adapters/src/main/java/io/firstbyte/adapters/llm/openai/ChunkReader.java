package io.firstbyte.adapters.llm.openai;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.SseEvent;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelOutput;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one streamed completion, event by event: text deltas go out at once; tool calls are
 * assembled and go out, complete, when the choice finishes (or at {@code [DONE]} if a server never
 * says so); {@code ModelFinished} follows {@code [DONE]}. Only choice 0 is read. One per stream.
 */
final class ChunkReader {

    private final String provider;
    private final String secret;
    private final ObjectMapper json;
    private final UsageSink usage;
    private final ToolCallAssembler toolCalls = new ToolCallAssembler();
    private @Nullable String finishReason;
    private boolean done;

    /** Where the usage chunk's counts go. */
    interface UsageSink {
        void report(int promptTokens, int completionTokens);
    }

    ChunkReader(String provider, String secret, ObjectMapper json, UsageSink usage) {
        this.provider = provider;
        this.secret = secret;
        this.json = json;
        this.usage = usage;
    }

    List<ModelOutput> read(SseEvent event) {
        if (done) {
            return List.of();
        }
        if (event.data().strip().equals("[DONE]")) {
            return finish();
        }
        JsonNode chunk = json.readTree(event.data());
        JsonNode error = chunk.path("error");
        if (error.isObject() || event.event().equals("error")) {
            throw OpenAiErrors.fromEvent(provider, error.isObject() ? error : chunk, secret);
        }
        reportUsage(chunk.path("usage"));
        List<ModelOutput> outputs = new ArrayList<>(1);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) == 0) {
                readChoice(choice, outputs);
            }
        }
        return outputs;
    }

    /** The body ended: without {@code [DONE]} that is a broken stream unless the choice had finished. */
    List<ModelOutput> end() {
        if (done) {
            return List.of();
        }
        if (finishReason == null) {
            throw ProviderFailure.of(provider, ErrorCategory.CONNECTIVITY, "stream ended before [DONE]");
        }
        return finish();
    }

    private void readChoice(JsonNode choice, List<ModelOutput> outputs) {
        JsonNode delta = choice.path("delta");
        JsonNode content = delta.path("content");
        if (content.isString() && !content.stringValue().isEmpty()) {
            outputs.add(new ModelTextDelta(content.stringValue()));
        }
        int position = 0;
        for (JsonNode fragment : delta.path("tool_calls")) {
            JsonNode function = fragment.path("function");
            toolCalls.add(fragment.path("index").isNumber() ? fragment.path("index").asInt() : null, position++,
                    textOrNull(fragment, "id"), textOrNull(function, "name"), textOrNull(function, "arguments"));
        }
        JsonNode reason = choice.path("finish_reason");
        if (reason.isString()) {
            finishReason = reason.stringValue();
            toolCalls.drain().forEach(call -> outputs.add(new ToolCallRequested(call)));
        }
    }

    private List<ModelOutput> finish() {
        done = true;
        List<ModelOutput> outputs = new ArrayList<>(2);
        toolCalls.drain().forEach(call -> outputs.add(new ToolCallRequested(call)));
        outputs.add(new ModelFinished(finishReason != null ? finishReason : "stop"));
        return outputs;
    }

    private void reportUsage(JsonNode counts) {
        if (counts.isObject()) {
            usage.report(counts.path("prompt_tokens").asInt(0), counts.path("completion_tokens").asInt(0));
        }
    }

    private static @Nullable String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
