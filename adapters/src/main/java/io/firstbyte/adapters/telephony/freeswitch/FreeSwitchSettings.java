package io.firstbyte.adapters.telephony.freeswitch;

import java.time.Duration;

/**
 * How one FreeSWITCH deployment streams.
 *
 * @param playback how agent audio goes back (depends on the module)
 * @param fileLength how much audio each file holds in the file-based playbacks: longer files
 *                   mean fewer gaps between files, shorter ones a faster first word (20 ms steps)
 * @param defaultSampleRate the stream's rate ({@code 8k} or {@code 16k} in {@code uuid_audio_stream})
 *                          when neither the metadata nor the URL says it
 */
public record FreeSwitchSettings(FreeSwitchPlayback playback, Duration fileLength, int defaultSampleRate) {

    /**
     * mod_audio_stream community edition, 100 ms files, 8 kHz. Audio reaches the codec paced in real
     * time with the pacer's lead (120 ms): a file is complete when its last frame arrives, so it
     * plays without a gap only if it is no longer than the lead plus one frame. 100 ms files leave
     * 40 ms of slack and let the first file go out with the lead itself; 200 ms files delayed the
     * first word by about 60 ms and played every file just in time, with a gap at any jitter.
     */
    public static final FreeSwitchSettings DEFAULTS =
            new FreeSwitchSettings(FreeSwitchPlayback.STREAM_AUDIO_FILES, Duration.ofMillis(100), 8000);

    public FreeSwitchSettings {
        if (fileLength.toMillis() < 20) {
            throw new IllegalArgumentException("files must hold at least one 20 ms frame: " + fileLength);
        }
        if (defaultSampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + defaultSampleRate);
        }
    }

    public FreeSwitchSettings withPlayback(FreeSwitchPlayback other) {
        return new FreeSwitchSettings(other, fileLength, defaultSampleRate);
    }
}
