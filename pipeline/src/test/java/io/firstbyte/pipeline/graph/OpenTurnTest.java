package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.firstbyte.pipeline.trace.TurnTraceRecorder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class OpenTurnTest {

    private final List<TurnTrace> published = new CopyOnWriteArrayList<>();
    private final OpenTurn turns = new OpenTurn(new CallObserver() {
        @Override
        public void turnTraced(TurnTrace trace) {
            published.add(trace);
        }
    });

    private static TurnTraceRecorder turn(int number) {
        return new TurnTraceRecorder(number, "question " + number, () -> 0L, 0, 0);
    }

    @Test
    void aTurnIsPublishedOnlyOnceItsAnswerWasSentAndPlayedOut() {
        TurnTraceRecorder first = turn(1);
        turns.next(first, "");
        turns.clauseSent(first, "Ten is free.");
        turns.playedOut();
        assertThat(published).as("more of the answer may follow").isEmpty();

        turns.clauseSent(first, "Shall I book it?");
        turns.answerSent(first, true);
        assertThat(published).as("its last clause is still playing").isEmpty();
        turns.playedOut();
        turns.cutOff("", false);

        assertThat(published).extracting(TurnTrace::turn, TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(tuple(1, false, "Ten is free. Shall I book it?"));
    }

    @Test
    void aBargeInWhileTheLastClausePlaysInterruptsTheTurnWithWhatWasHeard() {
        TurnTraceRecorder first = turn(1);
        turns.next(first, "");
        turns.clauseSent(first, "Ten is free.");
        turns.clauseSent(first, "Shall I book it?");
        turns.answerSent(first, true);
        turns.cutOff("Ten is free.", true);

        assertThat(published).extracting(TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(tuple(true, "Ten is free."));
    }

    @Test
    void aNewerTurnBeforeTheAnswerWasAllSentCutsTheOlderOneOff() {
        TurnTraceRecorder first = turn(1);
        turns.next(first, "");
        turns.clauseSent(first, "Ten is free.");
        turns.next(turn(2), "");
        turns.answerSent(first, false);

        assertThat(published).extracting(TurnTrace::turn, TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(tuple(1, true, ""));
    }

    @Test
    void anAnswerSentToTheEndWhoseMarksNeverCameBackIsNotInterruptedWhenTheCallEnds() {
        TurnTraceRecorder first = turn(1);
        turns.next(first, "");
        turns.clauseSent(first, "Goodbye.");
        turns.answerSent(first, true);
        turns.cutOff("", false);

        assertThat(published).extracting(TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(tuple(false, "Goodbye."));
    }
}
