package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.tool.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * The simulated model's answer to one request: words to say and, optionally, one tool call to
 * make after them (the words are then a short preamble such as "Let me check that for you.").
 */
public record Reply(String text, @Nullable ToolCall toolCall) {

    public static Reply say(String text) {
        return new Reply(text, null);
    }

    public static Reply call(String preamble, ToolCall toolCall) {
        return new Reply(preamble, toolCall);
    }
}
