package io.firstbyte.pipeline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tts.Clause;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class ClauseChunkerTest {

    private static List<String> clauses(String... deltas) {
        return ClauseChunker.chunk(Flux.just(deltas)).map(Clause::text).collectList().block();
    }

    @Test
    void firstClauseLeavesAsSoonAsItsSentenceEndsEvenMidStream() {
        ClauseChunker chunker = new ClauseChunker();
        assertThat(chunker.accept("Sure, Tuesday")).isEmpty();
        assertThat(chunker.accept(" works. Anna")).containsExactly(new Clause(0, "Sure, Tuesday works."));
        assertThat(chunker.accept(" is free")).isEmpty();
        assertThat(chunker.flush()).contains(new Clause(1, "Anna is free"));
    }

    @Test
    void firstClauseMayEndAtACommaOnceItHasThreeWords() {
        assertThat(clauses("Let me check that, ", "one moment please. ", "Okay, ten works."))
                .containsExactly("Let me check that,", "one moment please.", "Okay, ten works.");
    }

    @Test
    void laterClausesEndOnlyAtSentencePunctuation() {
        assertThat(clauses("Yes. ", "I have ten, eleven and noon, ", "which suits you?"))
                .containsExactly("Yes.", "I have ten, eleven and noon, which suits you?");
    }

    @Test
    void shortOpeningBeforeACommaStaysWithItsSentence() {
        assertThat(clauses("Sure, ", "that works. ")).containsExactly("Sure, that works.");
    }

    @Test
    void numbersAndTimesAreNeverSplit() {
        assertThat(clauses("It costs 3.50 dollars at 10:30 today. ", "Okay?"))
                .containsExactly("It costs 3.50 dollars at 10:30 today.", "Okay?");
    }

    @Test
    void clausesAreNumberedInOrderAndRemainderIsFlushedAtCompletion() {
        StepVerifier.create(ClauseChunker.chunk(Flux.just("One. Two! Thr", "ee")))
                .expectNext(new Clause(0, "One."), new Clause(1, "Two!"), new Clause(2, "Three"))
                .verifyComplete();
    }

    @Test
    void aToolCallOrTheEndOfAModelRoundEndsThePendingClause() {
        TestPublisher<AgentEvent> events = TestPublisher.create();
        StepVerifier.create(ClauseChunker.chunkAnswer(events.flux()))
                .then(() -> events.next(new ModelTextDelta("Let me "), new ModelTextDelta("check.")))
                .expectNoEvent(Duration.ofMillis(10))
                .then(() -> events.next(new ToolCallRequested(new ToolCall("c1", "check_availability", "{}"))))
                .expectNext(new Clause(0, "Let me check."))
                .then(() -> events.next(new ModelFinished("tool_calls"), new ModelTextDelta("Ten is"),
                        new ModelTextDelta(" free.")))
                .expectNoEvent(Duration.ofMillis(10))
                .then(() -> events.next(new ModelFinished("stop")))
                .expectNext(new Clause(1, "Ten is free."))
                .then(events::complete)
                .verifyComplete();
    }

    @Test
    void aRunOnAnswerIsCutAtAWordBoundaryInsteadOfWaitingForever() {
        String runOn = "word ".repeat(80);
        List<String> out = clauses(runOn);
        assertThat(out).hasSizeGreaterThan(1).allSatisfy(text -> assertThat(text).doesNotContain("wor d"));
        assertThat(String.join(" ", out)).isEqualTo(runOn.strip());
    }

    @Test
    void anAnswersFirstFourWordsGoToSpeechBeforeItsClauseIsComplete() {
        ClauseChunker chunker = new ClauseChunker(4);
        assertThat(chunker.accept("Sure, ")).isEmpty();
        assertThat(chunker.accept("Tuesday ")).isEmpty();
        assertThat(chunker.accept("at ")).isEmpty();
        assertThat(chunker.accept("ten")).as("a word is whole only once whitespace follows").isEmpty();
        assertThat(chunker.accept(" works for")).containsExactly(new Clause(0, "Sure, Tuesday at ten"));
        assertThat(chunker.accept(" Anna. Shall ")).as("then whole sentences again")
                .containsExactly(new Clause(1, "works for Anna."));
        assertThat(chunker.flush()).contains(new Clause(2, "Shall"));
    }

    @Test
    void aClauseCompleteBeforeItsFourthWordGoesWhole() {
        assertThat(ClauseChunker.chunkAnswer(Flux.just(new ModelTextDelta("Yes. "), new ModelTextDelta("Tuesday at ten works. ")), 4)
                .map(Clause::text).collectList().block())
                .containsExactly("Yes.", "Tuesday at ten works.");
        assertThat(ClauseChunker.chunkAnswer(Flux.just(new ModelTextDelta("Let me check that for you.")), 4)
                .map(Clause::text).collectList().block())
                .as("text that arrives whole keeps its sentence")
                .containsExactly("Let me check that for you.");
    }

    @Test
    void withoutFirstWordsTheFirstClauseWaitsForItsPunctuation() {
        ClauseChunker chunker = new ClauseChunker(0);
        assertThat(chunker.accept("Sure Tuesday at ten works for ")).isEmpty();
        assertThat(chunker.accept("Anna. ")).containsExactly(new Clause(0, "Sure Tuesday at ten works for Anna."));
    }

    @Test
    void whitespaceOnlyDeltasProduceNoClause() {
        assertThat(clauses("  ", " ")).isEmpty();
    }
}
