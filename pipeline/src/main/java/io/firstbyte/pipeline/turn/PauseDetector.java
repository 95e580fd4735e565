package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.event.AudioIn;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the caller's pauses frame by frame, long before the VAD's hangover ends their speech: once
 * the VAD has heard speech, unvoiced audio is a pause, reported once as it reaches each of the given
 * lengths (a complete sentence is worth answering after a shorter pause than an open one); {@code resume}
 * of voiced audio after it (so a click does not count) is speech again. It reads the call's VAD after
 * each frame, so it adds no audio analysis of its own. One per call; frames arrive in order; not thread-safe.
 */
public final class PauseDetector {

    private final long[] reportAtMillis;
    private final long resumeMillis;
    private boolean armed;
    private boolean paused;
    private int reported;
    private long voicedRunMillis;

    public PauseDetector(List<Duration> reportAt, Duration resume) {
        if (reportAt.isEmpty()) {
            throw new IllegalArgumentException("a pause detector needs at least one pause length");
        }
        this.reportAtMillis = reportAt.stream().mapToLong(Duration::toMillis).sorted().distinct().toArray();
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
                reported = 0;
                return Optional.of(new CallerPause.Resumed(frameEnd - voicedRunMillis));
            }
            return Optional.empty();
        }
        voicedRunMillis = 0;
        long silent = frameEnd - lastVoicedEnd;
        if (armed && lastVoicedEnd >= 0 && reported < reportAtMillis.length && silent >= reportAtMillis[reported]) {
            while (reported < reportAtMillis.length && silent >= reportAtMillis[reported]) {
                reported++;
            }
            paused = true;
            // a click within the pause re-arms it only for the lengths not yet reported
            armed = reported < reportAtMillis.length;
            return Optional.of(new CallerPause.Paused(lastVoicedEnd, silent));
        }
        return Optional.empty();
    }
}
