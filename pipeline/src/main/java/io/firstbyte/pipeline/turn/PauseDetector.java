package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.event.AudioIn;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the caller's pauses frame by frame, long before the VAD's hangover ends their speech: once
 * the VAD has heard speech, {@code pause} of unvoiced audio is a pause; {@code resume} of voiced
 * audio after it (so a click does not count) is speech again. It reads the call's VAD after each
 * frame, so it adds no audio analysis of its own. One per call; frames arrive in order; not thread-safe.
 */
public final class PauseDetector {

    private final long pauseMillis;
    private final long resumeMillis;
    private boolean armed;
    private boolean paused;
    private long voicedRunMillis;

    public PauseDetector(Duration pause, Duration resume) {
        this.pauseMillis = pause.toMillis();
        this.resumeMillis = resume.toMillis();
    }

    /** What {@code frame} tells about pauses; {@code vad} has already accepted it. */
    public Optional<CallerPause> accept(AudioIn frame, VoiceActivityDetector vad) {
        long frameEnd = frame.timestampMillis() + frame.durationMillis();
        long lastVoicedEnd = vad.lastVoicedEndMillis();
        // The VAD moves its last voiced end to a frame's end exactly when it found that frame voiced.
        if (lastVoicedEnd == frameEnd) {
            voicedRunMillis += frame.durationMillis();
            armed |= vad.speaking();
            if (paused && voicedRunMillis >= resumeMillis) {
                paused = false;
                return Optional.of(new CallerPause.Resumed(frameEnd - voicedRunMillis));
            }
            return Optional.empty();
        }
        voicedRunMillis = 0;
        if (armed && !paused && lastVoicedEnd >= 0 && frameEnd - lastVoicedEnd >= pauseMillis) {
            paused = true;
            armed = false;
            return Optional.of(new CallerPause.Paused(lastVoicedEnd));
        }
        return Optional.empty();
    }
}
