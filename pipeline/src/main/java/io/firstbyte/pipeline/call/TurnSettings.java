package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * When a caller's turn ends and when they interrupt. A turn ends on the STT's end-of-speech
 * signal, or after {@code vadSilence} of local silence once a final transcript exists (whichever
 * comes first). With {@code bargeInEnabled}, caller speech while the agent talks pauses it, and
 * {@code bargeIn} decides whether that speech was a backchannel (the answer resumes) or an
 * interruption (the answer is cleared and cancelled). {@code speculation} says whether an answer may
 * start before the turn is confirmed; {@code endOfTurn} whether the silence that ends a turn adapts to
 * what the caller said.
 */
public record TurnSettings(Duration vadSilence, boolean bargeInEnabled, BargeInSettings bargeIn,
                           SpeculationSettings speculation, EndOfTurnSettings endOfTurn) {

    public static final TurnSettings DEFAULTS = new TurnSettings(Duration.ofMillis(700), true);

    /** Turn-taking with the default backchannel bounds, the default speculation and a fixed end of turn. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled) {
        this(vadSilence, bargeInEnabled, BargeInSettings.DEFAULTS);
    }

    /** Turn-taking with these backchannel bounds, the default speculation and a fixed end of turn. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled, BargeInSettings bargeIn) {
        this(vadSilence, bargeInEnabled, bargeIn, SpeculationSettings.DEFAULTS, EndOfTurnSettings.OFF);
    }

    /** Turn-taking with the default backchannel bounds and a fixed end of turn. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled, SpeculationSettings speculation) {
        this(vadSilence, bargeInEnabled, BargeInSettings.DEFAULTS, speculation, EndOfTurnSettings.OFF);
    }

    /** These settings with {@code endOfTurn} deciding when turns end. */
    public TurnSettings withEndOfTurn(EndOfTurnSettings endOfTurn) {
        return new TurnSettings(vadSilence, bargeInEnabled, bargeIn, speculation, endOfTurn);
    }
}
