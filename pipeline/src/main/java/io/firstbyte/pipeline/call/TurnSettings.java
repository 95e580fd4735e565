package io.firstbyte.pipeline.call;

import java.time.Duration;

/**
 * When a caller's turn ends and when they interrupt. A turn ends on the STT's end-of-speech
 * signal, or after {@code vadSilence} of local silence once a final transcript exists (whichever
 * comes first). With {@code bargeInEnabled}, caller speech while the agent talks interrupts it.
 * {@code speculation} says whether an answer may start before the turn is confirmed; {@code endOfTurn}
 * whether the silence that ends a turn adapts to what the caller said.
 */
public record TurnSettings(Duration vadSilence, boolean bargeInEnabled, SpeculationSettings speculation,
                           EndOfTurnSettings endOfTurn) {

    public static final TurnSettings DEFAULTS = new TurnSettings(Duration.ofMillis(700), true);

    /** Turn-taking with the default speculation and a fixed end of turn. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled) {
        this(vadSilence, bargeInEnabled, SpeculationSettings.DEFAULTS);
    }

    /** Turn-taking with a fixed end of turn. */
    public TurnSettings(Duration vadSilence, boolean bargeInEnabled, SpeculationSettings speculation) {
        this(vadSilence, bargeInEnabled, speculation, EndOfTurnSettings.OFF);
    }

    /** These settings with {@code endOfTurn} deciding when turns end. */
    public TurnSettings withEndOfTurn(EndOfTurnSettings endOfTurn) {
        return new TurnSettings(vadSilence, bargeInEnabled, speculation, endOfTurn);
    }
}
