package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.fakes.openai.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a call's chat requests to the model carry: the system prompt, the tool calls the model made and their results. */
final class ChatRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChatRequests() {
    }

    /** The system message of the call's first request. */
    static String systemPrompt(List<RecordedRequest> requests) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        return requests.getFirst().json().path("messages").path(0).path("content").asString();
    }

    /** The arguments of every call of {@code tool} the model made, as the call's last request carries them back. */
    static List<String> toolArguments(List<RecordedRequest> requests, String tool) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        List<String> arguments = new ArrayList<>();
        for (JsonNode message : requests.getLast().json().path("messages")) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("function").path("name").asString().equals(tool)) {
                    arguments.add(call.path("function").path("arguments").asString());
                }
            }
        }
        return arguments;
    }

    /** The first result of {@code tool}, as the call's last request carries it back. */
    static JsonNode toolResult(List<RecordedRequest> requests, String tool) {
        assertThat(requests).as("model requests of the call").isNotEmpty();
        JsonNode messages = requests.getLast().json().path("messages");
        for (JsonNode message : messages) {
            if ("tool".equals(message.path("role").asString())
                    && tool.equals(toolName(messages, message.path("tool_call_id").asString()))) {
                return JSON.readTree(message.path("content").asString());
            }
        }
        throw new AssertionError("no result of " + tool + " in " + messages);
    }

    /** The name of the tool the model called as {@code callId}; empty when there is none. */
    static String toolName(JsonNode messages, String callId) {
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("id").asString().equals(callId)) {
                    return call.path("function").path("name").asString();
                }
            }
        }
        return "";
    }
}
