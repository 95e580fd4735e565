package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The speculation's decisions, event by event, as Deepgram and the simulated STT send them. */
class SpeculationTest {

    private final Sinks.Many<Object> heard = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean agentSpeaking = new AtomicBoolean();

    private StepVerifier.FirstStep<Object> decisions(SpeculationSettings settings) {
        return StepVerifier.create(new Speculation(settings, agentSpeaking::get).decide(heard.asFlux()));
    }

    private StepVerifier.FirstStep<Object> decisions() {
        return decisions(SpeculationSettings.DEFAULTS);
    }

    private void emit(Object... events) {
        for (Object event : events) {
            heard.tryEmitNext(event);
        }
    }

    private static SpeculativeTurn running(Object signal) {
        SpeculativeTurn attempt = (SpeculativeTurn) signal;
        attempt.begin();
        return attempt;
    }

    @Test
    void aPauseWithATranscriptInHandStartsAnAnswerOnIt() {
        decisions()
                .then(() -> emit(new SpeechStarted(0), new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80)))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("book a haircut"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theTurnSayingTheSameConfirmsTheAnswerAndIsNotAnsweredAgain() {
        SpeculativeTurn[] attempt = new SpeculativeTurn[1];
        TurnEnded turn = new TurnEnded("Book a haircut, um, tomorrow!", 900);
        decisions()
                .then(() -> emit(new TranscriptFinal("Book a"), new TranscriptInterim("haircut tomorrow"), new CallerPause.Paused(900, 80)))
                .assertNext(signal -> attempt[0] = running(signal))
                .then(() -> emit(new TranscriptFinal("haircut, tomorrow!"), new EndOfSpeech(), turn))
                .expectNoEvent(Duration.ofMillis(50))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(attempt[0].transcript()).isEqualTo("Book a haircut tomorrow");
        StepVerifier.create(attempt[0].confirmed()).expectNext(turn).verifyComplete();
    }

    @Test
    void speakingAgainWithdrawsTheAnswerAndTheStaleTranscriptStartsNoOther() {
        decisions()
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80)))
                .assertNext(signal -> assertThat(signal).isInstanceOf(SpeculativeTurn.class))
                .then(() -> emit(new CallerPause.Resumed(1200), new CallerPause.Paused(1800, 80)))
                .expectNext(Speculation.Withdrawn.INSTANCE)
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new TranscriptInterim("book a haircut for tomorrow")))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("book a haircut for tomorrow"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aProvidersSpeechStartOnlyWithdrawsWhenItIsAfterThePause() {
        decisions()
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80)))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .then(() -> emit(new SpeechStarted(300)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new SpeechStarted(1400)))
                .expectNext(Speculation.Withdrawn.INSTANCE)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aLaterInterimDuringThePauseReplacesTheAnswerAndADifferentFinalWithdrawsIt() {
        decisions()
                .then(() -> emit(new TranscriptInterim("book a"), new CallerPause.Paused(900, 80)))
                .expectNextMatches(signal -> ((SpeculativeTurn) signal).transcript().equals("book a"))
                .then(() -> emit(new TranscriptInterim("book a haircut")))
                .expectNextMatches(signal -> ((SpeculativeTurn) signal).transcript().equals("book a haircut"))
                .then(() -> emit(new TranscriptInterim("Book a haircut.")))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new TranscriptFinal("Book a colour.")))
                .expectNext(Speculation.Withdrawn.INSTANCE)
                .then(() -> emit(new TurnEnded("Book a colour.", 900)))
                .expectNext(new TurnEnded("Book a colour.", 900))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aTurnThatSaysSomethingElseIsAnsweredAfreshAndTheDiscardedAnswersAreCounted() {
        Speculation speculation = new Speculation(SpeculationSettings.DEFAULTS, () -> false);
        StepVerifier.create(speculation.decide(heard.asFlux()))
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80)))
                .assertNext(SpeculationTest::running)
                .then(() -> emit(new TurnEnded("Cancel my booking.", 900)))
                .expectNext(new TurnEnded("Cancel my booking.", 900))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(speculation.takeCost(false)).isEqualTo(new TurnTrace.Speculation(false, 1, 0, 0));
        assertThat(speculation.takeCost(false)).as("counted once").isEqualTo(TurnTrace.Speculation.NONE);
    }

    @Test
    void anAnswerThatStoppedBeforeItsTurnEndedCannotBeConfirmedSoTheTurnIsAnswered() {
        decisions()
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80)))
                .assertNext(signal -> running(signal).abandon())
                .then(() -> emit(new TurnEnded("Book a haircut.", 900)))
                .expectNext(new TurnEnded("Book a haircut.", 900))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void nothingStartsWhileTheAgentSpeaksOrWithoutWords() {
        agentSpeaking.set(true);
        decisions()
                .then(() -> emit(new TranscriptInterim("mm-hm"), new CallerPause.Paused(900, 80)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> {
                    agentSpeaking.set(false);
                    emit(new CallerPause.Resumed(1000), new TranscriptInterim("um"), new CallerPause.Paused(1500, 80));
                })
                .expectNoEvent(Duration.ofMillis(50))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void atMostTheConfiguredNumberOfAnswersStartPerTurn() {
        decisions(new SpeculationSettings(true, Duration.ofMillis(60), 2))
                .then(() -> emit(new TranscriptInterim("book"), new CallerPause.Paused(900, 80)))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .then(() -> emit(new TranscriptInterim("book a")))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .then(() -> emit(new TranscriptInterim("book a haircut")))
                .expectNext(Speculation.Withdrawn.INSTANCE)
                .then(() -> emit(new TurnEnded("Book a haircut.", 900), new TranscriptInterim("thanks"),
                        new CallerPause.Resumed(2000), new CallerPause.Paused(2500, 80)))
                .expectNext(new TurnEnded("Book a haircut.", 900))
                .expectNextMatches(signal -> ((SpeculativeTurn) signal).transcript().equals("thanks"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anOpenTranscriptWaitsForTheLongerPause() {
        decisions()
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 20)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new CallerPause.Paused(900, 80)))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("book a haircut"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aTranscriptThatReadsCompleteStartsAfterTheShorterPause() {
        decisions()
                .then(() -> emit(new TranscriptInterim("Book a haircut tomorrow."), new CallerPause.Paused(900, 20)))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("Book a haircut tomorrow."))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anInterimThatCompletesTheSentenceDuringAShortPauseStartsTheAnswer() {
        decisions()
                .then(() -> emit(new TranscriptInterim("do you have anything"), new CallerPause.Paused(900, 20)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new TranscriptInterim("Do you have anything at ten?")))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("Do you have anything at ten?"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void afterTheCallerSpokeOnACompleteTranscriptWaitsForTheNextPause() {
        decisions()
                .then(() -> emit(new TranscriptInterim("Yes please."), new CallerPause.Paused(900, 20)))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .then(() -> emit(new CallerPause.Resumed(940), new TranscriptInterim("Yes please. My name is Sam Taylor.")))
                .expectNext(Speculation.Withdrawn.INSTANCE)
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new CallerPause.Paused(2000, 20)))
                .assertNext(signal -> assertThat(((SpeculativeTurn) signal).transcript()).isEqualTo("Yes please. My name is Sam Taylor."))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void withOnePauseForEveryTranscriptACompleteOneWaitsAsLong() {
        decisions(new SpeculationSettings(true, Duration.ofMillis(60), 3))
                .then(() -> emit(new TranscriptInterim("Book a haircut tomorrow."), new CallerPause.Paused(900, 20)))
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> emit(new CallerPause.Paused(900, 80)))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void switchedOffItPassesOnlyTheTurns() {
        decisions(SpeculationSettings.OFF)
                .then(() -> emit(new TranscriptInterim("book a haircut"), new CallerPause.Paused(900, 80),
                        new TurnEnded("Book a haircut.", 900)))
                .expectNext(new TurnEnded("Book a haircut.", 900))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}
