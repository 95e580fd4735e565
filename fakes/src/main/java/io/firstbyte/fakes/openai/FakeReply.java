package io.firstbyte.fakes.openai;

import io.firstbyte.pipeline.tool.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scripted answer of {@link FakeOpenAiServer}: either an error status with an OpenAI error body,
 * or a {@code text/event-stream} of chunks exactly as the documented wire format has them
 * ({@code data: <json>}, blank line, {@code data: [DONE]}). Timing and failure knobs: delay before
 * the first byte, delay between events, disconnect or stall after some events.
 */
public final class FakeReply {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<String> events;
    final String errorBody;
    Duration firstByte = Duration.ZERO;
    Duration between = Duration.ZERO;
    int disconnectAfter = -1;
    int stallAfter = -1;

    private FakeReply(int status, List<String> events, String errorBody) {
        this.status = status;
        this.events = events;
        this.errorBody = errorBody;
    }

    /** A text answer streamed word by word: role chunk, content chunks, finish {@code stop}, usage, [DONE]. */
    public static FakeReply text(String text) {
        List<String> data = new ArrayList<>();
        data.add(chunk(delta().put("role", "assistant").put("content", ""), null));
        for (String word : text.split("(?<= )")) {
            data.add(chunk(delta().put("content", word), null));
        }
        data.add(chunk(delta(), "stop"));
        data.add(usage(12, text.split(" ").length));
        data.add("[DONE]");
        return events(data);
    }

    /** Says {@code preamble}, then calls the tools: each name first, its arguments in two fragments. */
    public static FakeReply toolCalls(String preamble, ToolCall... calls) {
        List<String> data = new ArrayList<>();
        data.add(chunk(delta().put("role", "assistant").put("content", ""), null));
        if (!preamble.isEmpty()) {
            data.add(chunk(delta().put("content", preamble), null));
        }
        for (int i = 0; i < calls.length; i++) {
            data.add(chunk(toolFragment(i, calls[i].id(), calls[i].name(), ""), null));
            String args = calls[i].arguments();
            int half = args.length() / 2;
            data.add(chunk(toolFragment(i, null, null, args.substring(0, half)), null));
            data.add(chunk(toolFragment(i, null, null, args.substring(half)), null));
        }
        data.add(chunk(delta(), "tool_calls"));
        data.add(usage(40, 20));
        data.add("[DONE]");
        return events(data);
    }

    /** Events with these data payloads, each as {@code data: <payload>} and a blank line. */
    public static FakeReply events(List<String> data) {
        List<String> framed = data.stream().map(payload -> "data: " + payload + "\n\n").toList();
        return new FakeReply(200, new ArrayList<>(framed), "");
    }

    public static FakeReply events(String... data) {
        return events(List.of(data));
    }

    /** The body exactly as given, for framing tests (comments, CRLF, multi-line data). */
    public static FakeReply rawStream(String... pieces) {
        return new FakeReply(200, new ArrayList<>(List.of(pieces)), "");
    }

    /** A non-2xx answer with an OpenAI error body. */
    public static FakeReply error(int status, String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return new FakeReply(status, List.of(), JSON.writeValueAsString(body));
    }

    /** The HTTP status this reply answers with. */
    public int status() {
        return status;
    }

    /** The body this reply streams (server-sent events), or its error body. */
    public String body() {
        return status == 200 ? String.join("", events) : errorBody;
    }

    public FakeReply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public FakeReply firstByteAfter(Duration delay) {
        firstByte = delay;
        return this;
    }

    public FakeReply eventsEvery(Duration delay) {
        between = delay;
        return this;
    }

    /** Sends this many events, then drops the connection without ending the body. */
    public FakeReply disconnectAfter(int count) {
        disconnectAfter = count;
        return this;
    }

    /** Sends this many events, then sends nothing more, holding the connection open. */
    public FakeReply stallAfter(int count) {
        stallAfter = count;
        return this;
    }

    /** An in-stream error event, as some servers send one instead of an error status. */
    public static String errorEvent(String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code);
        return JSON.writeValueAsString(body);
    }

    public static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1732000000).put("model", "fake-model");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        chunk.putNull("usage");
        return JSON.writeValueAsString(chunk);
    }

    public static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    public static ObjectNode toolFragment(int index, String id, String name, String arguments) {
        ObjectNode delta = delta();
        ArrayNode calls = delta.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        return delta;
    }

    public static String usage(int prompt, int completion) {
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1732000000).put("model", "fake-model");
        chunk.putArray("choices");
        chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return JSON.writeValueAsString(chunk);
    }
}
