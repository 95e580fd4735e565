package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * When a caller's turn ends and when they interrupt. A turn ends on the STT's end-of-speech
 * signal, or after {@code vadSilence} of local silence once a final transcript exists (whichever
 * comes first). With {@code bargeInEnabled}, caller speech while the agent talks interrupts it.
 * {@code speculation} says whether an answer may start before the turn is confirmed.
 */
public record TurnSettings(Duration vadSilence, boolean bargeInEnabled, SpeculationSettings speculation) {

    public static final TurnSettings DEFAULTS = new TurnSettings(Duration.ofMillis(700), true);

    /** Turn-taking with the default speculation. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled) {
        this(vadSilence, bargeInEnabled, SpeculationSettings.DEFAULTS);
    }
}
