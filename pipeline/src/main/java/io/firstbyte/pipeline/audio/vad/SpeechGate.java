package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.util.Optional;

/**
 * Turns voiced / unvoiced frame decisions into speech events: speech starts once voiced audio has
 * lasted {@code minSpeech} (dated from its first voiced frame) and stops after {@code hangover} of
 * unvoiced audio (dated at the end of the last voiced frame). Not thread-safe.
 */
final class SpeechGate {

    private final long minSpeechMillis;
    private final long hangoverMillis;
    private boolean speaking;
    private long voicedRunStart = -1;
    private long voicedRunMillis;
    private long silentRunMillis;
    private long lastVoicedEnd;

    SpeechGate(long minSpeechMillis, long hangoverMillis) {
        this.minSpeechMillis = minSpeechMillis;
        this.hangoverMillis = hangoverMillis;
    }

    boolean speaking() {
        return speaking;
    }

    long lastVoicedEndMillis() {
        return voicedRunStart < 0 && lastVoicedEnd == 0 ? -1 : lastVoicedEnd;
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
            if (!speaking && voicedRunMillis >= minSpeechMillis) {
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
        if (silentRunMillis >= hangoverMillis) {
            speaking = false;
            voicedRunStart = -1;
            return Optional.of(new SpeechStopped(lastVoicedEnd));
        }
        return Optional.empty();
    }
}
