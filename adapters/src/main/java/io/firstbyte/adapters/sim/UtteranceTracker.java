package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One call's listening state: detects utterances in the caller's audio, gives each the next
 * script line, and turns frames into transcript events. Frames arrive one at a time (not thread-safe).
 */
final class UtteranceTracker {

    private final VoiceActivityDetector vad;
    private final CallerScript script;
    private final LatencyProfile profile;
    private final RandomGenerator random;
    private final Scheduler scheduler;
    private final @Nullable SimulatedDelays delays;
    private CallerScript.Line line = CallerScript.Line.of("");
    private long voicedMillis;
    private int wordsShown;
    private long lastInterimAt;
    private long lastVoicedArrival = Long.MIN_VALUE; // on the scheduler's clock, MIN_VALUE before any
    private Sinks.Empty<Void> pendingFinal = Sinks.empty();

    UtteranceTracker(VadSettings vad, CallerScript script, LatencyProfile profile, RandomGenerator random,
                     Scheduler scheduler, @Nullable SimulatedDelays delays) {
        this.vad = VoiceActivityDetector.create(vad);
        this.script = script;
        this.profile = profile;
        this.random = random;
        this.scheduler = scheduler;
        this.delays = delays;
    }

    /** A VAD hangover that leaves room for the end-of-speech delay even when jitter shortens it. */
    static Duration hangoverFor(LatencyProfile profile) {
        Duration shortest = Duration.ofNanos(Math.round(profile.sttEndOfSpeechDelay().toNanos() * (1 - profile.jitter())));
        return shortest.compareTo(Duration.ofMillis(150)) < 0 ? shortest : Duration.ofMillis(150);
    }

    Flux<SpeechEvent> accept(AudioIn frame) {
        SpeechEvent detected = vad.accept(frame).orElse(null);
        boolean voiced = vad.lastFrameVoiced();
        if (vad.lastVoicedEndMillis() == frame.timestampMillis() + frame.durationMillis()) {
            lastVoicedArrival = scheduler.now(TimeUnit.NANOSECONDS);
        }
        voicedMillis = voiced ? voicedMillis + frame.durationMillis() : vad.speaking() ? voicedMillis : 0;
        return switch (detected) {
            case SpeechStarted started -> startUtterance();
            case SpeechStopped stopped -> endUtterance(frame, stopped.atMillis());
            case null, default -> voiced && vad.speaking() ? interimIfDue() : Flux.empty();
        };
    }

    private Flux<SpeechEvent> startUtterance() {
        pendingFinal.tryEmitEmpty();
        line = script.nextLine();
        wordsShown = 0;
        lastInterimAt = -interimIntervalMillis();
        return interimIfDue();
    }

    /**
     * An interim with the words said so far, when a new one has been said: at most one per interim
     * interval of voiced audio, except the line's last word, shown as soon as it is said.
     */
    private Flux<SpeechEvent> interimIfDue() {
        int spoken = line.wordsSpoken(voicedMillis);
        boolean last = spoken == line.wordCount();
        if (spoken <= wordsShown || (!last && voicedMillis - lastInterimAt < interimIntervalMillis())) {
            return Flux.empty();
        }
        wordsShown = spoken;
        lastInterimAt = voicedMillis;
        return Flux.just(new TranscriptInterim(line.firstWords(spoken)));
    }

    private long interimIntervalMillis() {
        return Math.max(1, profile.sttInterimInterval().toMillis());
    }

    private Flux<SpeechEvent> endUtterance(AudioIn frame, long lastVoicedEndMillis) {
        long alreadySilentNanos = TimeUnit.MILLISECONDS.toNanos(
                frame.timestampMillis() + frame.durationMillis() - lastVoicedEndMillis);
        long waitNanos = Math.max(0, profile.jittered(profile.sttEndOfSpeechDelay(), random).toNanos() - alreadySilentNanos);
        String text = line.text();
        Sinks.Empty<Void> flush = Sinks.empty();
        pendingFinal = flush;
        long scheduledAt = scheduler.now(TimeUnit.NANOSECONDS);
        long voicedArrival = lastVoicedArrival;
        Mono<Void> wait = waitNanos == 0 ? Mono.empty()
                : Mono.firstWithSignal(Mono.delay(Duration.ofNanos(waitNanos), scheduler).then(), flush.asMono());
        return wait.thenMany(Flux.defer(() -> {
            reportDelay(alreadySilentNanos, scheduledAt, voicedArrival);
            return Flux.just(new TranscriptFinal(text), new EndOfSpeech());
        }));
    }

    /**
     * The silence is measured on the caller-audio clock, but the caller waits on the wall clock: a
     * last voiced frame that arrived late (a caller's timer sending frames in a burst) makes the audio
     * say more silence passed than did. So the delay counts from the last voiced frame's arrival at
     * the latest, and a caller can never have waited less than what is reported.
     */
    private void reportDelay(long alreadySilentNanos, long scheduledAt, long voicedArrival) {
        if (delays != null) {
            long now = scheduler.now(TimeUnit.NANOSECONDS);
            long delay = alreadySilentNanos + now - scheduledAt;
            delays.speechEndDelay(voicedArrival == Long.MIN_VALUE ? delay : Math.min(delay, now - voicedArrival), now);
        }
    }
}
