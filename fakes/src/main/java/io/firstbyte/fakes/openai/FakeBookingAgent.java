package io.firstbyte.fakes.openai;

import io.firstbyte.pipeline.tool.ToolCall;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted model for {@link FakeOpenAiServer#respondWith} that books like a real one would, by
 * reading the conversation it is sent: the caller's first request gets {@code check_availability}
 * (the service on {@code day}); its result gets {@code create_booking} for the first free slot it
 * lists; the booking's result gets a spoken confirmation (or an apology when it was not
 * confirmed); anything else gets a short question. Only tools the request offers are called.
 * Every reply streams with the given first-token delay and gap between tokens.
 */
public final class FakeBookingAgent implements Function<RecordedRequest, FakeReply> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final Supplier<LocalDate> day;
    private final String customerName;
    private final Duration firstToken;
    private final Duration betweenTokens;
    private final AtomicLong ids = new AtomicLong();

    public FakeBookingAgent(String service, Supplier<LocalDate> day, String customerName, Duration firstToken,
                            Duration betweenTokens) {
        this.service = service;
        this.day = day;
        this.customerName = customerName;
        this.firstToken = firstToken;
        this.betweenTokens = betweenTokens;
    }

    @Override
    public FakeReply apply(RecordedRequest request) {
        return reply(request.json()).firstByteAfter(firstToken).eventsEvery(betweenTokens);
    }

    private FakeReply reply(JsonNode body) {
        JsonNode messages = body.path("messages");
        JsonNode last = messages.isEmpty() ? JSON.createObjectNode() : messages.get(messages.size() - 1);
        String role = last.path("role").asString("");
        if (role.equals("tool")) {
            return afterTool(toolName(messages, last.path("tool_call_id").asString("")), JSON.readTree(last.path("content").asString("{}")));
        }
        if (role.equals("user") && offers(body, "check_availability") && !called(messages, "check_availability")) {
            ObjectNode args = JSON.createObjectNode().put("service", service).put("date", day.get().toString());
            return FakeReply.toolCalls("Let me check that for you. ", call("check_availability", args));
        }
        return FakeReply.text("Is there anything else I can help you with? ");
    }

    private FakeReply afterTool(String tool, JsonNode result) {
        switch (tool) {
            case "check_availability" -> {
                JsonNode slot = result.path("slots").path(0);
                if (slot.isMissingNode()) {
                    return FakeReply.text("Sorry, nothing is free that day. Would another day work? ");
                }
                ObjectNode args = JSON.createObjectNode().put("service", service).put("start", slot.path("start").asString())
                        .put("customer_name", customerName);
                if (slot.hasNonNull("staff")) {
                    args.put("staff", slot.path("staff").asString());
                }
                return FakeReply.toolCalls("", call("create_booking", args));
            }
            case "create_booking" -> {
                if (result.path("status").asString("").equals("confirmed")) {
                    return FakeReply.text("You're booked for " + result.path("start").asString().replace('T', ' ')
                            + " with " + result.path("staff").asString() + ". See you then! ");
                }
                return FakeReply.text("Sorry, that time was just taken. Shall I look for another one? ");
            }
            default -> {
                return FakeReply.text("Done. Anything else? ");
            }
        }
    }

    private ToolCall call(String name, ObjectNode args) {
        return new ToolCall("call_" + ids.incrementAndGet(), name, JSON.writeValueAsString(args));
    }

    private static boolean offers(JsonNode body, String tool) {
        for (JsonNode offered : body.path("tools")) {
            if (offered.path("function").path("name").asString("").equals(tool)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the model called {@code tool} earlier in the conversation. */
    private static boolean called(JsonNode messages, String tool) {
        for (JsonNode message : messages) {
            for (JsonNode toolCall : message.path("tool_calls")) {
                if (toolCall.path("function").path("name").asString("").equals(tool)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String toolName(JsonNode messages, String callId) {
        for (JsonNode message : messages) {
            for (JsonNode toolCall : message.path("tool_calls")) {
                if (toolCall.path("id").asString("").equals(callId)) {
                    return toolCall.path("function").path("name").asString("");
                }
            }
        }
        return "";
    }
}
