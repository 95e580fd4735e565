package io.firstbyte.pipeline.tool;

/**
 * What the model is told about a tool: its name, what it does, and its parameters as JSON Schema text.
 * {@code readOnly} tools only look things up, so they may run for an answer that is still speculative
 * (the caller may not have finished); any other tool has side effects and waits for the confirmed turn.
 */
public record ToolSpec(String name, String description, String parametersSchema, boolean readOnly) {

    /** A tool with side effects: the safe assumption for a tool that does not say otherwise. */
    public ToolSpec(String name, String description, String parametersSchema) {
        this(name, description, parametersSchema, false);
    }

    /** This tool, marked as one that only reads. */
    public ToolSpec asReadOnly() {
        return new ToolSpec(name, description, parametersSchema, true);
    }
}
