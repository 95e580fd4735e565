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

    /** mod_audio_stream community edition, 200 ms files, 8 kHz. */
    public static final FreeSwitchSettings DEFAULTS =
            new FreeSwitchSettings(FreeSwitchPlayback.STREAM_AUDIO_FILES, Duration.ofMillis(200), 8000);

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
