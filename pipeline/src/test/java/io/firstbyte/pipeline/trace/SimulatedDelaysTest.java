package io.firstbyte.pipeline.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedDelaysTest {

    private final SimulatedDelays delays = new SimulatedDelays();

    @Test
    void aTurnCountsTheFinalTranscriptTheModelUpToItsFirstClauseAndTheVoice() {
        delays.speechEndDelay(250);
        delays.openTurn();
        delays.modelDelay(350);
        delays.firstClauseSent();
        delays.modelDelay(17);
        delays.ttsDelay(120);
        assertThat(delays.closeTurn()).isEqualTo(720);
    }

    @Test
    void aSpeculativeAnswerReadyBeforeTheFinalTranscriptWaitedOnlyForIt() {
        delays.openSpeculation();
        delays.modelDelay(350);
        delays.firstClauseSent();
        delays.ttsDelay(120);
        delays.firstAudio();
        delays.ttsDelay(120);
        delays.speechEndDelay(900);
        delays.confirmSpeculation(60);
        assertThat(delays.closeTurn()).as("the final transcript came last").isEqualTo(900);
    }

    @Test
    void aSpeculativeAnswerNotReadyAtTheFinalTranscriptCountsThePauseAndItsOwnDelays() {
        delays.openSpeculation();
        delays.modelDelay(350);
        delays.speechEndDelay(250);
        delays.confirmSpeculation(60);
        delays.firstClauseSent();
        delays.ttsDelay(120);
        delays.firstAudio();
        delays.ttsDelay(120);
        assertThat(delays.closeTurn()).as("60 ms pause + 350 + 120, the second clause's voice overlapping").isEqualTo(530);
    }
}
