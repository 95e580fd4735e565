package io.firstbyte.pipeline.control;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;

/**
 * What a call does when the caller says nothing: after {@code promptAfter} without caller speech
 * while the agent is not speaking, the agent says {@code prompt}; after {@code prompts} prompts go
 * unanswered it says {@code goodbye} and the call ends. A zero {@code promptAfter} switches it off.
 */
public record SilencePolicy(Duration promptAfter, int prompts, String prompt, String goodbye) {

    public static final SilencePolicy DEFAULTS = new SilencePolicy(Duration.ofSeconds(8), 2, "Are you still there?",
            "I can't hear anyone on the line, so I'll end the call now. Goodbye.");
    public static final SilencePolicy OFF = new SilencePolicy(Duration.ZERO, 0, "", "");

    public SilencePolicy {
        if (promptAfter.isNegative() || prompts < 0) {
            throw new IllegalArgumentException("the silence prompt's wait and count must not be negative");
        }
        if (!promptAfter.isZero() && (prompt.isBlank() || goodbye.isBlank())) {
            throw new IllegalArgumentException("a silence prompt and goodbye are needed when silence prompting is on");
        }
    }

    public boolean enabled() {
        return !promptAfter.isZero();
    }

    /** This policy with the call's own words ({@link SilenceWords#ATTRIBUTE}) when it has them and prompting is on. */
    public SilencePolicy forCall(CallContext context) {
        SilenceWords words = context.attribute(SilenceWords.ATTRIBUTE, SilenceWords.class);
        return words == null || !enabled() ? this : new SilencePolicy(promptAfter, prompts, words.prompt(), words.goodbye());
    }
}
