package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * When a caller's turn ends and when they interrupt. A turn ends on the STT's end-of-speech
 * signal, or after {@code vadSilence} of local silence once a final transcript exists (whichever
 * comes first). With {@code bargeInEnabled}, caller speech while the agent talks pauses it, and
 * {@code bargeIn} decides whether that speech was a backchannel (the answer resumes) or an
 * interruption (the answer is cleared and cancelled).
 */
public record TurnSettings(Duration vadSilence, boolean bargeInEnabled, BargeInSettings bargeIn) {

    public static final TurnSettings DEFAULTS = new TurnSettings(Duration.ofMillis(700), true);

    /** Turn-taking with the default backchannel bounds. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled) {
        this(vadSilence, bargeInEnabled, BargeInSettings.DEFAULTS);
    }
}
