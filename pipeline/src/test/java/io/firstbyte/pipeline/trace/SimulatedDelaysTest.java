package io.firstbyte.pipeline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Times are milliseconds on the call's clock, turned into nanoseconds. */
class SimulatedDelaysTest {

    private final SimulatedDelays delays = new SimulatedDelays();

    @Test
    void aTurnCountsTheFinalTranscriptTheModelUpToItsFirstClauseAndTheVoice() {
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn();
        delays.modelDelay(ms(350));
        delays.firstClauseSent();
        delays.modelDelay(ms(17));
        delays.ttsDelay(ms(120));

        assertThat(delays.closeTurn(ms(1000), ms(1800))).isEqualTo(ms(720));
    }

    @Test
    void aSpeculativeAnswerReadyBeforeTheFinalTranscriptWaitedOnlyForIt() {
        delays.openSpeculation();
        delays.modelDelay(ms(350));
        delays.firstClauseSent();
        delays.ttsDelay(ms(120));
        delays.firstAudio();
        delays.ttsDelay(ms(120));
        delays.speechEndDelay(ms(900), ms(1900));
        delays.confirmSpeculation(ms(60));

        assertThat(delays.closeTurn(ms(1000), ms(1905))).as("the final transcript came last").isEqualTo(ms(900));
    }

    @Test
    void aSpeculativeAnswerNotReadyAtTheFinalTranscriptCountsThePauseAndItsOwnDelays() {
        delays.openSpeculation();
        delays.modelDelay(ms(350));
        delays.speechEndDelay(ms(250), ms(1250));
        delays.confirmSpeculation(ms(60));
        delays.firstClauseSent();
        delays.ttsDelay(ms(120));
        delays.firstAudio();
        delays.ttsDelay(ms(120));

        assertThat(delays.closeTurn(ms(1000), ms(1600)))
                .as("60 ms pause + 350 + 120, the second clause's voice overlapping").isEqualTo(ms(530));
    }

    @Test
    void aSpeculativeAnswersOwnDelaysNeverAddUpToMoreThanTheTurnsWindow() {
        // the answer started before the server saw the speech end (a pause the VAD later took back):
        // its 60 + 350 + 120 ms cannot all lie inside the 500 ms the caller waited
        delays.openSpeculation();
        delays.modelDelay(ms(350));
        delays.ttsDelay(ms(120));
        delays.speechEndDelay(ms(250), ms(1250));
        delays.confirmSpeculation(ms(60));

        assertThat(delays.closeTurn(ms(1000), ms(1500))).isEqualTo(ms(500));
    }

    @Test
    void aSpeculativeTurnCountsTheEndOfSpeechWaitOnlyInsideItsWindow() {
        // the wait began 100 ms before the speech end the server saw
        delays.openSpeculation();
        delays.firstAudio();
        delays.speechEndDelay(ms(900), ms(1800));
        delays.confirmSpeculation(ms(60));

        assertThat(delays.closeTurn(ms(1000), ms(1810))).isEqualTo(ms(800));
    }

    @Test
    void anEndOfSpeechWaitOfADiscardedSpeculationsTurnDoesNotCountForTheNext() {
        delays.speechEndDelay(ms(250), ms(1250));
        delays.openTurn();
        delays.closeTurn(ms(1000), ms(1300));
        delays.openSpeculation();
        delays.modelDelay(ms(100));

        assertThat(delays.closeTurn(ms(5000), ms(5400))).as("no confirmation: only its own delays").isEqualTo(ms(100));
    }

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
