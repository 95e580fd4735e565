package io.firstbyte.pipeline.control;

/**
 * What a silent caller hears in the call's own language: the {@code prompt} ("Are you still there?")
 * and the {@code goodbye} before the call ends. Set on the call context ({@link #ATTRIBUTE}) by the
 * application; without it the call uses its {@link SilencePolicy}'s words.
 */
public record SilenceWords(String prompt, String goodbye) {

    /** The call-context attribute holding a call's {@link SilenceWords}. */
    public static final String ATTRIBUTE = "firstbyte.silenceWords";

    public SilenceWords {
        if (prompt.isBlank() || goodbye.isBlank()) {
            throw new IllegalArgumentException("a silence prompt and goodbye must not be blank");
        }
    }
}
