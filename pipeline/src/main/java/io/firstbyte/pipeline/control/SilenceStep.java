package io.firstbyte.pipeline.control;

/** What the agent says to a silent caller ({@link CallerSilence}). */
public sealed interface SilenceStep {

    /** What the caller hears. */
    String text();

    /** Prompt number {@code number} (from 1): the caller may still answer. */
    record Prompt(int number, String text) implements SilenceStep {
    }

    /** No prompt was answered: the call ends after these words. */
    record GiveUp(String text) implements SilenceStep {
    }
}
