package io.firstbyte.pipeline.tool;

import org.jspecify.annotations.Nullable;

/**
 * A tool whose result can end the call (hang up, hand over, a message taken): the call ends once
 * the words of the answer that carried the result have played. The tool only answers; the call acts
 * on the result as it passes through the answer, so an answer the caller interrupted before the
 * result was reached ends nothing.
 */
public interface EndingTool extends Tool {

    /** The end reason when {@code result} (of this tool) ends the call; null when the call goes on. */
    @Nullable String endsCall(ToolResult result);
}
