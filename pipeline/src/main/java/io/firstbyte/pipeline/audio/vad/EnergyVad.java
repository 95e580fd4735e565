package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * An energy-based voice activity detector. Frame by frame it compares the RMS level with a
 * threshold and applies minimum-speech and hangover times, so a click does not start speech and
 * a short pause does not end it. Time comes from the frames' own timestamps (the caller-audio
 * clock), so it needs no scheduler. One instance per call; not thread-safe.
 */
public final class EnergyVad {

    private final VadSettings settings;
    private boolean speaking;
    private long voicedRunStart = -1;
    private long voicedRunMillis;
    private long silentRunMillis;
    private long lastVoicedEnd;

    public EnergyVad(VadSettings settings) {
        this.settings = settings;
    }

    /** Turns audio frames into speech-started / speech-stopped events. */
    public static Flux<SpeechEvent> detect(Flux<AudioIn> audio, VadSettings settings) {
        return Flux.defer(() -> {
            EnergyVad vad = new EnergyVad(settings);
            return audio.handle((frame, sink) -> vad.accept(frame).ifPresent(sink::next));
        });
    }

    public boolean speaking() {
        return speaking;
    }

    /** End of the last voiced frame on the caller-audio clock, or -1 before any speech. */
    public long lastVoicedEndMillis() {
        return voicedRunStart < 0 && lastVoicedEnd == 0 ? -1 : lastVoicedEnd;
    }

    public Optional<SpeechEvent> accept(AudioIn frame) {
        short[] samples = Pcm16.decode(frame.audio(), frame.format().encoding());
        long duration = frame.format().millisOf(frame.audio().length);
        return accept(Pcm16.levelDbfs(samples) >= settings.thresholdDbfs(), frame.timestampMillis(), duration);
    }

    Optional<SpeechEvent> accept(boolean voiced, long startMillis, long durationMillis) {
        if (voiced) {
            silentRunMillis = 0;
            lastVoicedEnd = startMillis + durationMillis;
            if (voicedRunStart < 0) {
                voicedRunStart = startMillis;
                voicedRunMillis = 0;
            }
            voicedRunMillis += durationMillis;
            if (!speaking && voicedRunMillis >= settings.minSpeech().toMillis()) {
                speaking = true;
                return Optional.of(new SpeechStarted(voicedRunStart));
            }
            return Optional.empty();
        }
        silentRunMillis += durationMillis;
        if (!speaking) {
            voicedRunStart = -1;
            return Optional.empty();
        }
        if (silentRunMillis >= settings.hangover().toMillis()) {
            speaking = false;
            voicedRunStart = -1;
            return Optional.of(new SpeechStopped(lastVoicedEnd));
        }
        return Optional.empty();
    }
}
