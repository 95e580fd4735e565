package io.firstbyte.pipeline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Times are milliseconds on the call's clock, turned into nanoseconds. */
class SimulatedDelaysTest {

    private final SimulatedDelays delays = new SimulatedDelays();

    @Test
    void delaysThatFitTheTurnsWindowAreCountedInFull() {
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn();
        delays.modelDelay(ms(350));
        delays.ttsDelay(ms(120));

        assertThat(delays.closeTurn(ms(1000), ms(1730))).isEqualTo(ms(720));
    }

    @Test
    void delaysThatOverlapNeverAddUpToMoreThanTheTurnsWindow() {
        // the sum (720 ms) says the caller waited longer than the 600 ms the turn took: overhead -120 ms
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn();
        delays.modelDelay(ms(350));
        delays.ttsDelay(ms(120));

        assertThat(delays.closeTurn(ms(1000), ms(1600))).isEqualTo(ms(600));
    }

    @Test
    void theEndOfSpeechWaitCountsOnlyWhereItLiesAfterTheCallersSpeechEnd() {
        // the wait began 20 ms before the speech end the server saw: those 20 ms are not part of the turn
        delays.speechEndDelay(ms(250), ms(1230));
        delays.openTurn();
        delays.modelDelay(ms(300));

        assertThat(delays.closeTurn(ms(1000), ms(1600))).isEqualTo(ms(530));
    }

    @Test
    void theWindowStartsAtTheEndOfSpeechWaitWhenThatBeganLater() {
        // the speech end (from the audio clock) reads 1000, but the STT only started waiting at 1015,
        // when the last voiced frame arrived: the caller can have waited no more than from then
        delays.speechEndDelay(ms(235), ms(1250));
        delays.openTurn();
        delays.modelDelay(ms(400));

        assertThat(delays.closeTurn(ms(1000), ms(1600))).isEqualTo(ms(585));
    }

    @Test
    void anEndOfSpeechWaitOfAnEarlierUtteranceDoesNotCountForAKeypadTurn() {
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn(); // a keypad turn, entered long after that utterance
        delays.modelDelay(ms(300));
        delays.ttsDelay(ms(100));

        assertThat(delays.closeTurn(ms(5000), ms(5420))).isEqualTo(ms(400));
    }

    @Test
    void aTurnClosedTwiceCountsOnce() {
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn();

        assertThat(delays.closeTurn(ms(1000), ms(1300))).isEqualTo(ms(250));
        assertThat(delays.closeTurn(ms(1000), ms(1300))).isZero();
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
