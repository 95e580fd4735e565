package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.audio.vad.EnergyVad;
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

    private final EnergyVad vad;
    private final double thresholdDbfs;
    private final CallerScript script;
    private final LatencyProfile profile;
    private final RandomGenerator random;
    private final Scheduler scheduler;
    private final @Nullable SimulatedDelays delays;
    private String line = "";
    private long voicedMillis;
    private int wordsShown;
    private long lastInterimAt;
    private Sinks.Empty<Void> pendingFinal = Sinks.empty();

    UtteranceTracker(VadSettings vad, CallerScript script, LatencyProfile profile, RandomGenerator random,
                     Scheduler scheduler, @Nullable SimulatedDelays delays) {
        this.vad = new EnergyVad(vad);
        this.thresholdDbfs = vad.thresholdDbfs();
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
        boolean voiced = Pcm16.levelDbfs(Pcm16.decode(frame.audio(), frame.format().encoding())) >= thresholdDbfs;
        SpeechEvent detected = vad.accept(frame).orElse(null);
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
        int spoken = CallerScript.wordsSpoken(line, voicedMillis);
        boolean last = spoken == CallerScript.wordCount(line);
        if (spoken <= wordsShown || (!last && voicedMillis - lastInterimAt < interimIntervalMillis())) {
            return Flux.empty();
        }
        wordsShown = spoken;
        lastInterimAt = voicedMillis;
        return Flux.just(new TranscriptInterim(CallerScript.firstWords(line, spoken)));
    }

    private long interimIntervalMillis() {
        return Math.max(1, profile.sttInterimInterval().toMillis());
    }

    private Flux<SpeechEvent> endUtterance(AudioIn frame, long lastVoicedEndMillis) {
        long alreadySilentNanos = TimeUnit.MILLISECONDS.toNanos(
                frame.timestampMillis() + frame.durationMillis() - lastVoicedEndMillis);
        long waitNanos = Math.max(0, profile.jittered(profile.sttEndOfSpeechDelay(), random).toNanos() - alreadySilentNanos);
        String text = line;
        Sinks.Empty<Void> flush = Sinks.empty();
        pendingFinal = flush;
        long scheduledAt = scheduler.now(TimeUnit.NANOSECONDS);
        Mono<Void> wait = waitNanos == 0 ? Mono.empty()
                : Mono.firstWithSignal(Mono.delay(Duration.ofNanos(waitNanos), scheduler).then(), flush.asMono());
        return wait.thenMany(Flux.defer(() -> {
            reportDelay(alreadySilentNanos + scheduler.now(TimeUnit.NANOSECONDS) - scheduledAt);
            return Flux.just(new TranscriptFinal(text), new EndOfSpeech());
        }));
    }

    private void reportDelay(long nanos) {
        if (delays != null) {
            delays.speechEndDelay(nanos);
        }
    }
}
