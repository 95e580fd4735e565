package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.EndOfTurnSettings;
import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TurnEnded;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The end of a turn adapts to what the caller said (virtual time; silence from the VAD's speech stop). */
class AdaptiveEndOfTurnTest {

    private static final EndOfTurnSettings BOUNDS = new EndOfTurnSettings(true, Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofMillis(1000));
    private static final TurnSettings ADAPTIVE = new TurnSettings(Duration.ofMillis(700), true, SpeculationSettings.DEFAULTS).withEndOfTurn(BOUNDS);

    private final Sinks.Many<SpeechEvent> speech = Sinks.many().unicast().onBackpressureBuffer();

    private StepVerifier.FirstStep<TurnEnded> detector(TurnSettings settings) {
        return StepVerifier.withVirtualTime(() -> new TurnDetector(settings, VirtualTimeScheduler.get()).detect(speech.asFlux()));
    }

    private void said(String words, long stoppedAtMillis) {
        speech.tryEmitNext(new SpeechStarted(0));
        speech.tryEmitNext(new TranscriptFinal(words));
        speech.tryEmitNext(new SpeechStopped(stoppedAtMillis));
    }

    @Test
    void aCompleteQuestionEndsAfterTheShortSilenceWithoutWaitingForTheProvider() {
        detector(ADAPTIVE)
                .then(() -> said("Can I book a haircut?", 1000))
                .expectNoEvent(Duration.ofMillis(199))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new TurnEnded("Can I book a haircut?", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void aSentenceWithoutClosingPunctuationIgnoresTheProvidersEndOfSpeechAndWaitsTheOpenBound() {
        detector(ADAPTIVE)
                .then(() -> {
                    said("book a haircut", 1000);
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNoEvent(Duration.ofMillis(499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new TurnEnded("book a haircut", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void aCallerWhoPausesAfterANounAndGoesOnIsNotCutOffByTheProvidersEndOfSpeech() {
        detector(ADAPTIVE)
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("Hi, I'd like to book a haircut"));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                // the VAD's stop comes its hangover (300 ms) into a 700 ms pause; speech is heard again 60 ms after it ends
                .then(() -> speech.tryEmitNext(new SpeechStopped(2100)))
                .expectNoEvent(Duration.ofMillis(460))
                .then(() -> speech.tryEmitNext(new SpeechStarted(2860)))
                .expectNoEvent(Duration.ofSeconds(3))
                .then(() -> {
                    speech.tryEmitNext(new TranscriptFinal("tomorrow please."));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("Hi, I'd like to book a haircut tomorrow please.", 2100))
                .thenCancel()
                .verify();
    }

    @Test
    void aPauseAfterIsWaitsTheTrailingBound() {
        detector(ADAPTIVE)
                .then(() -> {
                    said("Yes please, my name is", 1000);
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new TurnEnded("Yes please, my name is", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void switchedOffAnOpenTranscriptEndsAtTheProvidersEndOfSpeech() {
        detector(ADAPTIVE.withEndOfTurn(EndOfTurnSettings.OFF))
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("book a haircut"));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("book a haircut", -1))
                .thenCancel()
                .verify();
    }

    @Test
    void aTranscriptThatTrailsOffInAConjunctionWaitsPastTheProvidersEndOfSpeechForTheCallerToGoOn() {
        detector(ADAPTIVE)
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("I'd like a haircut and"));
                    speech.tryEmitNext(new EndOfSpeech());
                    speech.tryEmitNext(new SpeechStopped(1000));
                })
                .expectNoEvent(Duration.ofMillis(600))
                .then(() -> speech.tryEmitNext(new SpeechStarted(1660)))
                .expectNoEvent(Duration.ofSeconds(3))
                .then(() -> {
                    speech.tryEmitNext(new TranscriptFinal("a beard trim on Tuesday."));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("I'd like a haircut and a beard trim on Tuesday.", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void aCallerWhoTrailsOffWithAFillerAndSaysNoMoreIsAnsweredAfterTheLongerSilence() {
        detector(ADAPTIVE)
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("Tuesday, um"));
                    speech.tryEmitNext(new SpeechStopped(1000));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new TurnEnded("Tuesday, um", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void switchedOffTheProvidersEndOfSpeechEndsEvenATrailingTurnAtOnce() {
        detector(ADAPTIVE.withEndOfTurn(EndOfTurnSettings.OFF))
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("I'd like a haircut and"));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("I'd like a haircut and", -1))
                .thenCancel()
                .verify();
    }

    @Test
    void transcriptsAreTakenAsCompleteTrailingOrOpenByHowTheyEnd() {
        assertThat(TranscriptEnding.of("Do you have anything at ten?")).isEqualTo(TranscriptEnding.COMPLETE);
        assertThat(TranscriptEnding.of("Book me in for Tuesday.")).isEqualTo(TranscriptEnding.COMPLETE);
        assertThat(TranscriptEnding.of("I want a haircut because")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Something on Friday, so,")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("I'd like to book the")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Um.")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Is that with Anna and?")).as("a question is complete").isEqualTo(TranscriptEnding.COMPLETE);
        assertThat(TranscriptEnding.of("next Tuesday")).isEqualTo(TranscriptEnding.OPEN);
        assertThat(TranscriptEnding.of("a haircut")).isEqualTo(TranscriptEnding.OPEN);
        assertThat(TranscriptEnding.of("Yes please, my name is")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Do you have anything at")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("I think it’s")).as("a curly apostrophe").isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Could I book it for our")).isEqualTo(TranscriptEnding.TRAILING);
        assertThat(TranscriptEnding.of("Yes, it is.")).as("closed: the provider heard an end").isEqualTo(TranscriptEnding.COMPLETE);
        assertThat(TranscriptEnding.of("I'd like to.")).isEqualTo(TranscriptEnding.COMPLETE);
        assertThat(TranscriptEnding.of("Book the.")).as("no sentence stops on an article").isEqualTo(TranscriptEnding.TRAILING);
    }

    @Test
    void noAnswerStartsSpeculativelyOnATranscriptThatTrailsOffButOneStartsOnAnOpenOne() {
        EndOfTurnRule rule = EndOfTurnRule.of(ADAPTIVE);
        Speculation speculation = new Speculation(SpeculationSettings.DEFAULTS, () -> false, transcript -> !rule.trailsOff(transcript));
        Sinks.Many<Object> heard = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(speculation.decide(heard.asFlux()))
                .then(() -> {
                    heard.tryEmitNext(new io.firstbyte.pipeline.event.TranscriptInterim("I'd like a haircut and"));
                    heard.tryEmitNext(new CallerPause.Paused(1000, 80));
                })
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> heard.tryEmitNext(new io.firstbyte.pipeline.event.TranscriptInterim("I'd like a haircut and a shave")))
                .expectNextMatches(SpeculativeTurn.class::isInstance)
                .thenCancel()
                .verify();
    }
}
