package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.event.TurnEnded;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class TurnDetectorTest {

    private static final TurnSettings SETTINGS = new TurnSettings(Duration.ofMillis(700), true);

    private final Sinks.Many<SpeechEvent> speech = Sinks.many().unicast().onBackpressureBuffer();

    private StepVerifier.FirstStep<TurnEnded> detector() {
        return StepVerifier.withVirtualTime(() -> new TurnDetector(SETTINGS, VirtualTimeScheduler.get()).detect(speech.asFlux()));
    }

    @Test
    void providersEndOfSpeechEndsTheTurnAtOnce() {
        detector()
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptInterim("book a"));
                    speech.tryEmitNext(new TranscriptFinal("Book a haircut."));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("Book a haircut.", -1))
                .thenCancel()
                .verify();
    }

    @Test
    void localSilenceEndsTheTurnWhenTheProviderStaysQuiet() {
        detector()
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("Book a haircut."));
                    speech.tryEmitNext(new SpeechStopped(1200));
                })
                .expectNoEvent(Duration.ofMillis(699))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new TurnEnded("Book a haircut.", 1200))
                .thenCancel()
                .verify();
    }

    @Test
    void speakingAgainBeforeTheSilenceRunsOutKeepsTheTurnOpenAndJoinsTheFinals() {
        detector()
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new TranscriptFinal("Book a haircut"));
                    speech.tryEmitNext(new SpeechStopped(1000));
                })
                .thenAwait(Duration.ofMillis(500))
                .then(() -> speech.tryEmitNext(new SpeechStarted(1500)))
                .expectNoEvent(Duration.ofSeconds(2))
                .then(() -> {
                    speech.tryEmitNext(new TranscriptFinal("for tomorrow."));
                    speech.tryEmitNext(new EndOfSpeech());
                })
                .expectNext(new TurnEnded("Book a haircut for tomorrow.", 1000))
                .thenCancel()
                .verify();
    }

    @Test
    void endOfSpeechWithoutAnyWordsEndsNoTurnButTheLateFinalDoes() {
        detector()
                .then(() -> speech.tryEmitNext(new EndOfSpeech()))
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> speech.tryEmitNext(new TranscriptFinal("Hello?")))
                .expectNext(new TurnEnded("Hello?", -1))
                .thenCancel()
                .verify();
    }

    @Test
    void silenceWithoutATranscriptEndsNoTurn() {
        detector()
                .then(() -> {
                    speech.tryEmitNext(new SpeechStarted(0));
                    speech.tryEmitNext(new SpeechStopped(300));
                })
                .expectNoEvent(Duration.ofSeconds(5))
                .thenCancel()
                .verify();
    }
}
