package io.firstbyte.pipeline.call;

/**
 * One call's own instructions for the model and opening line, when they differ from the configured
 * ones (for example assembled at call start from the business the caller dialled). Put in the call
 * context under {@link #ATTRIBUTE}; the pipeline reads it once, when the call opens
 * ({@link CallSettings#forCall}).
 *
 * @param systemPrompt the system message of every model request in this call
 * @param greeting     what the agent says when the call connects (empty: say nothing)
 */
public record CallPrompt(String systemPrompt, String greeting) {

    /** The call-context attribute holding a {@link CallPrompt}. */
    public static final String ATTRIBUTE = "firstbyte.callPrompt";
}
