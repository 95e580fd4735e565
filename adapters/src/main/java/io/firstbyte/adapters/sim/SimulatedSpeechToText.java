package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * A speech-to-text provider that listens to the real caller audio but reads the words from a
 * script ({@link Scenarios}). Its own VAD (by default the adaptive one, as noise-proof as a
 * real provider's model should be) finds each utterance, which takes the next script line; while the
 * caller speaks its interim transcripts reveal the line word by word as the caller says it (a word
 * every 0.35 s of voiced audio, the call simulator's speaking rate; at most one interim per
 * {@link LatencyProfile#sttInterimInterval()}, the last word at once), and the final transcript followed
 * by {@code EndOfSpeech} {@link LatencyProfile#sttEndOfSpeechDelay()} after the last voiced frame
 * (reported to the call's {@link SimulatedDelays}). Timers run on the injected scheduler; when
 * the audio ends or the subscriber cancels, pending transcripts are dropped with their timers.
 */
public final class SimulatedSpeechToText implements SpeechToText {

    private final LatencyProfiles profiles;
    private final VadSettings vad;
    private final Scheduler scheduler;

    /** Listens with the default VAD. */
    public SimulatedSpeechToText(LatencyProfiles profiles, Scheduler scheduler) {
        this(profiles, VadSettings.DEFAULTS, scheduler);
    }

    /** Listens with {@code vad} (its mode, threshold and minimum speech); the hangover follows the latency profile. */
    public SimulatedSpeechToText(LatencyProfiles profiles, VadSettings vad, Scheduler scheduler) {
        this.profiles = profiles;
        this.vad = vad;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio) {
        return Flux.defer(() -> {
            UtteranceTracker tracker = tracker(call);
            // The end of the audio ends the output at once, cancelling any pending final transcript. Most
            // frames say nothing: the tracker's Flux.empty() then costs flatMap no inner subscription.
            Sinks.Empty<Void> audioEnded = Sinks.empty();
            return audio.doOnComplete(audioEnded::tryEmitEmpty)
                    .flatMap(tracker::accept)
                    .takeUntilOther(audioEnded.asMono());
        });
    }

    private UtteranceTracker tracker(CallContext call) {
        LatencyProfile profile = profiles.forCall(call);
        VadSettings listening = vad.withHangover(UtteranceTracker.hangoverFor(profile));
        return new UtteranceTracker(listening, new CallerScript(Scenarios.linesFor(call)), profile,
                CallRandom.of(call, "stt", 0), scheduler,
                call.attribute(SimulatedDelays.ATTRIBUTE, SimulatedDelays.class));
    }
}
