package io.firstbyte.pipeline.call;

import java.time.Duration;
import java.util.List;

/**
 * How the agent tells a backchannel from an interruption. At the caller's speech onset over the agent,
 * the agent pauses (sends no new audio); the caller's speech is a backchannel, and the answer resumes
 * where it paused, when it ends ({@code backchannelGap} of silence) within {@code backchannelMaxSpeech}
 * of its onset and its transcript, if any, holds at most {@code backchannelMaxWords} words, all from
 * {@code backchannelWords}. Anything else (longer speech, another word) interrupts, as does a pause
 * that reaches {@code maxPause} undecided.
 */
public record BargeInSettings(Duration maxPause, Duration backchannelMaxSpeech, Duration backchannelGap,
                              int backchannelMaxWords, List<String> backchannelWords) {

    /** What English callers say to show they are listening; spelling variants fold together ({@link io.firstbyte.pipeline.turn.Backchannels}). */
    public static final List<String> ENGLISH_BACKCHANNELS = List.of("mm-hm", "mhm", "mm", "hmm", "uh-huh", "uh", "huh",
            "okay", "ok", "yeah", "yes", "yep", "yup", "right", "sure", "alright", "aha", "ah", "oh", "cool");

    /**
     * An 80 ms gap: longer than the 20-60 ms silences between the words of an interruption, short enough that a
     * 360 ms "mm-hm" pauses the answer for under 400 ms (its length, plus the gap, less the VAD's 60 ms).
     */
    public static final BargeInSettings DEFAULTS = new BargeInSettings(Duration.ofMillis(600), Duration.ofMillis(500),
            Duration.ofMillis(80), 3, ENGLISH_BACKCHANNELS);

    public BargeInSettings {
        backchannelWords = List.copyOf(backchannelWords);
        if (maxPause.isNegative() || backchannelMaxSpeech.isNegative() || backchannelGap.isNegative()) {
            throw new IllegalArgumentException("barge-in durations must not be negative");
        }
        if (backchannelMaxWords < 0) {
            throw new IllegalArgumentException("backchannelMaxWords must not be negative");
        }
    }
}
