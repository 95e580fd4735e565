package io.firstbyte.pipeline.control;

import org.jspecify.annotations.Nullable;

/** Ends of a call that call control decides, as their end reasons (for logs and metrics). */
public enum ControlledEnd {

    /** The agent hung up ({@link EndCallTool}) after saying goodbye. */
    AGENT_ENDED("agent-ended"),
    /** The caller answered none of the silence prompts ({@link CallerSilence}). */
    CALLER_SILENT("caller-silent"),
    /** The agent handed the caller over to a person (the application's transfer tool). */
    TRANSFER("transfer"),
    /** The agent took the caller's message for the business (the application's message tool). */
    MESSAGE_TAKEN("message-taken");

    private final String reason;

    ControlledEnd(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The controlled end whose end reason this is, if any. */
    public static @Nullable ControlledEnd ofReason(String reason) {
        for (ControlledEnd end : values()) {
            if (end.reason.equals(reason)) {
                return end;
            }
        }
        return null;
    }
}
