package io.firstbyte.pipeline.tool;

/** A tool failure whose message is safe to show the model (and, through it, the caller). */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message, null, false, false);
    }
}
