package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import java.util.Optional;
import reactor.core.publisher.Flux;

/**
 * Finds the caller's speech in their audio, frame by frame: {@link io.firstbyte.pipeline.event.SpeechStarted}
 * and {@link io.firstbyte.pipeline.event.SpeechStopped}. Time comes from the frames' own timestamps
 * (the caller-audio clock), so a detector needs no scheduler. One instance per call, fed in order;
 * not thread-safe.
 */
public interface VoiceActivityDetector {

    /** The detector {@code settings} name: {@link AdaptiveVad} or the fixed-threshold {@link EnergyVad}. */
    static VoiceActivityDetector create(VadSettings settings) {
        return switch (settings.mode()) {
            case ADAPTIVE -> new AdaptiveVad(settings);
            case ENERGY -> new EnergyVad(settings);
        };
    }

    /** Turns audio frames into speech events, with a fresh detector per subscription. */
    static Flux<SpeechEvent> detect(Flux<AudioIn> audio, VadSettings settings) {
        return Flux.defer(() -> {
            VoiceActivityDetector vad = create(settings);
            // not handle (nor mapNotNull, which is handle): it restores the context's thread locals for every frame
            return audio.map(vad::accept).filter(Optional::isPresent).map(Optional::get);
        });
    }

    /** The event this frame completes, if any. */
    Optional<SpeechEvent> accept(AudioIn frame);

    boolean speaking();

    /** Whether the last frame accepted was voiced. */
    boolean lastFrameVoiced();

    /** End of the last voiced frame on the caller-audio clock, or -1 before any speech. */
    long lastVoicedEndMillis();
}
