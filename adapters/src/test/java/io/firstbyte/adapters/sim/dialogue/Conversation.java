package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Plays a conversation against the dialogue the way the agent loop does: model, tools, model, until it speaks. */
final class Conversation {

    static final CallContext CALL = new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", Map.of(), Map.of());
    static final List<ToolSpec> ALL_TOOLS = List.of(
            new ToolSpec(Toolbox.CHECK_AVAILABILITY, "free slots of a day", "{}"),
            new ToolSpec(Toolbox.FIND_NEXT_AVAILABLE, "next free slot", "{}"),
            new ToolSpec(Toolbox.CREATE_BOOKING, "book", "{}"),
            new ToolSpec(Toolbox.CANCEL_BOOKING, "cancel", "{}"));

    private final List<ChatMessage> messages = new ArrayList<>(List.of(
            new ChatMessage.System("You are a receptionist."), ChatMessage.Assistant.said(BookingDialogue.GREETING)));
    private final List<ToolCall> calls = new ArrayList<>();
    private final List<String> spoken = new ArrayList<>();
    private final List<ToolSpec> tools;
    private final Function<ToolCall, String> calendar;
    private final LocalDate today;

    Conversation(List<ToolSpec> tools, Function<ToolCall, String> calendar, LocalDate today) {
        this.tools = tools;
        this.calendar = calendar;
        this.today = today;
    }

    /** The caller says {@code line}; returns what the agent finally says (after any tool rounds). */
    String caller(String line) {
        messages.add(new ChatMessage.User(line));
        for (int round = 0; round < 4; round++) {
            Reply reply = BookingDialogue.reply(new ModelRequest(CALL, messages, tools), today);
            spoken.add(reply.text());
            if (reply.toolCall() == null) {
                messages.add(ChatMessage.Assistant.said(reply.text()));
                return reply.text();
            }
            ToolCall call = reply.toolCall();
            calls.add(call);
            messages.add(new ChatMessage.Assistant(reply.text(), List.of(call)));
            messages.add(new ChatMessage.ToolOutput(call.id(), call.name(), calendar.apply(call)));
        }
        throw new AssertionError("the dialogue kept calling tools: " + calls);
    }

    List<ToolCall> calls() {
        return List.copyOf(calls);
    }

    /** Everything the agent said, preambles included. */
    List<String> spoken() {
        return List.copyOf(spoken);
    }
}
