package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.BargeInSettings;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The pause-then-decide rule on the caller-audio clock: 20 ms frames, the VAD's speech start 60 ms
 * into speech (onset at 0), defaults of a 600 ms bound, 500 ms of backchannel speech and an 80 ms gap.
 */
class BargeInPolicyTest {

    private static final Duration FRAME = Duration.ofMillis(20);

    private final Sinks.Many<SpeechEvent> speech = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<CallerVoicing> voicing = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean agentSpeaking = new AtomicBoolean(true);
    private long audioClock;

    // not deferring: time passes for the frames even while no timer is pending
    private final VirtualTimeScheduler time = VirtualTimeScheduler.create(false);

    private StepVerifier.FirstStep<BargeInDecision> decisions() {
        return StepVerifier.withVirtualTime(() -> new BargeInPolicy(BargeInSettings.DEFAULTS, time)
                .decide(speech.asFlux(), voicing.asFlux(), agentSpeaking::get), () -> time, Long.MAX_VALUE);
    }

    /** The caller's voiced audio for {@code millis}; the VAD starts speech 60 ms into the first run. */
    private void speaks(long millis) {
        frames(millis, true);
    }

    private void silent(long millis) {
        frames(millis, false);
    }

    private void frames(long millis, boolean voiced) {
        for (long t = 0; t < millis; t += FRAME.toMillis()) {
            audioClock += FRAME.toMillis();
            voicing.tryEmitNext(new CallerVoicing(audioClock, voiced));
            if (voiced && audioClock == 60) {
                speech.tryEmitNext(new SpeechStarted(0));
            }
            time.advanceTimeBy(FRAME);
        }
    }

    @Test
    void aShortSoundOverTheAgentPausesItThenResumesItOnceTheCallerIsQuiet() {
        decisions()
                .then(() -> speaks(60))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> speaks(240))
                .expectNoEvent(Duration.ZERO)
                .then(() -> silent(100))
                .expectNext(new BargeInDecision.Resume(0))
                .then(() -> silent(1000))
                .expectNoEvent(Duration.ZERO)
                .thenCancel()
                .verify();
    }

    @Test
    void aGapBetweenWordsDoesNotResumeButTheBackchannelGapDoes() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> silent(60))
                .expectNoEvent(Duration.ZERO)
                .then(() -> speaks(100))
                .then(() -> silent(60))
                .expectNoEvent(Duration.ZERO)
                .then(() -> silent(20))
                .expectNext(new BargeInDecision.Resume(0))
                .thenCancel()
                .verify();
    }

    @Test
    void aTranscriptOfOnlyBackchannelWordsStillResumes() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> speech.tryEmitNext(new TranscriptInterim("Mm-hmm,")))
                .then(() -> speaks(100))
                .then(() -> speech.tryEmitNext(new TranscriptInterim("Mm-hmm, yeah.")))
                .then(() -> silent(100))
                .expectNext(new BargeInDecision.Resume(0))
                .then(() -> speech.tryEmitNext(new TranscriptFinal("Mm-hmm, yeah.")))
                .then(() -> silent(500))
                .expectNoEvent(Duration.ZERO)
                .thenCancel()
                .verify();
    }

    @Test
    void aWordThatIsNoBackchannelInterruptsAtOnce() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> speech.tryEmitNext(new TranscriptInterim("Okay wait")))
                .expectNext(new BargeInDecision.Interrupt(0))
                .then(() -> speaks(600))
                .expectNoEvent(Duration.ZERO)
                .thenCancel()
                .verify();
    }

    @Test
    void speechLongerThanABackchannelInterruptsWithoutWaitingForItsTranscript() {
        decisions()
                .then(() -> speaks(500))
                .expectNext(new BargeInDecision.Pause(0))
                .expectNoEvent(Duration.ZERO)
                .then(() -> speaks(20))
                .expectNext(new BargeInDecision.Interrupt(0))
                .thenCancel()
                .verify();
    }

    @Test
    void aPauseThatRunsPastItsBoundUndecidedIsAnInterruption() {
        decisions()
                .then(() -> speaks(100))
                .expectNext(new BargeInDecision.Pause(0))
                // the line goes quiet: no frame arrives to tell speech from silence
                .expectNoEvent(Duration.ofMillis(539))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(new BargeInDecision.Interrupt(0))
                .thenCancel()
                .verify();
    }

    @Test
    void speechGoingOnAfterAResumePausesAgainAndThenInterrupts() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> silent(100))
                .expectNext(new BargeInDecision.Resume(0))
                .then(() -> speaks(20))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Interrupt(0))
                .thenCancel()
                .verify();
    }

    @Test
    void aLateTranscriptWithOtherWordsInterruptsWhileTheAgentStillTalks() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> silent(100))
                .expectNext(new BargeInDecision.Resume(0))
                .then(() -> speech.tryEmitNext(new SpeechStopped(200)))
                .then(() -> speech.tryEmitNext(new TranscriptFinal("No.")))
                .expectNext(new BargeInDecision.Interrupt(0))
                .thenCancel()
                .verify();
    }

    @Test
    void speechWhileTheAgentIsSilentDecidesNothing() {
        agentSpeaking.set(false);
        decisions()
                .then(() -> speaks(1000))
                .then(() -> speech.tryEmitNext(new TranscriptInterim("I would like a haircut")))
                .thenAwait(Duration.ofSeconds(1))
                .expectNoEvent(Duration.ZERO)
                .thenCancel()
                .verify();
    }

    @Test
    void theBoundOfABackchannelThatResumedInTimeFiresNothing() {
        decisions()
                .then(() -> speaks(200))
                .expectNext(new BargeInDecision.Pause(0))
                .then(() -> silent(100))
                .expectNext(new BargeInDecision.Resume(0))
                .expectNoEvent(Duration.ofSeconds(2))
                .thenCancel()
                .verify();
    }

    @Test
    void transcriptsFoldSpellingsOfBackchannelsAndCountTheirWords() {
        BargeInPolicy policy = new BargeInPolicy(BargeInSettings.DEFAULTS, VirtualTimeScheduler.create());
        assertThat(policy.backchannel("Mm-hmm.")).isTrue();
        assertThat(policy.backchannel("Uh huh")).isTrue();
        assertThat(policy.backchannel("OKAY!")).isTrue();
        assertThat(policy.backchannel("Yeah, right.")).isTrue();
        assertThat(policy.backchannel("")).as("a cough has no words").isTrue();
        assertThat(policy.backchannel("Okay so")).isFalse();
        assertThat(policy.backchannel("yeah yeah yeah yeah")).as("four words").isFalse();
        assertThat(policy.backchannel("No.")).isFalse();
    }
}
