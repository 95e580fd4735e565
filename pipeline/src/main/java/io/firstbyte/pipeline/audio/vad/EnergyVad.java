package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * An energy-based voice activity detector. Frame by frame it compares the RMS level with a fixed
 * threshold and applies minimum-speech and hangover times, so a click does not start speech and
 * a short pause does not end it. Steady noise above the threshold is taken for speech that never
 * ends: {@link AdaptiveVad} is the default; this one stays for comparison
 * ({@link VadSettings.Mode#ENERGY}). One instance per call; not thread-safe.
 */
public final class EnergyVad implements VoiceActivityDetector {

    private final VadSettings settings;
    private final SpeechGate gate;
    private boolean lastVoiced;

    public EnergyVad(VadSettings settings) {
        this.settings = settings;
        this.gate = new SpeechGate(settings.minSpeech().toMillis(), settings.hangover().toMillis());
    }

    /** Turns audio frames into speech-started / speech-stopped events. */
    public static Flux<SpeechEvent> detect(Flux<AudioIn> audio, VadSettings settings) {
        return VoiceActivityDetector.detect(audio, settings.withMode(VadSettings.Mode.ENERGY));
    }

    @Override
    public boolean speaking() {
        return gate.speaking();
    }

    @Override
    public boolean lastFrameVoiced() {
        return lastVoiced;
    }

    @Override
    public long lastVoicedEndMillis() {
        return gate.lastVoicedEndMillis();
    }

    @Override
    public Optional<SpeechEvent> accept(AudioIn frame) {
        short[] samples = Pcm16.decode(frame.audio(), frame.format().encoding());
        lastVoiced = Pcm16.levelDbfs(samples) >= settings.thresholdDbfs();
        return gate.accept(lastVoiced, frame.timestampMillis(), frame.durationMillis());
    }
}
