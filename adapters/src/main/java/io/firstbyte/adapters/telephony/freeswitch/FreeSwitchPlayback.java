package io.firstbyte.adapters.telephony.freeswitch;

/** How agent audio goes back to FreeSWITCH, which depends on the module and its edition. */
public enum FreeSwitchPlayback {
    /**
     * mod_audio_stream (community edition): {@code streamAudio} JSON with base64 raw L16 8 kHz; the
     * module writes each message to a file and fires {@code mod_audio_stream::play}, and the
     * controlling application plays it. Audio is batched into files of the configured length.
     */
    STREAM_AUDIO_FILES,
    /** mod_audio_stream v1.0.3+ (commercial build): binary L16 frames at the stream's rate, played automatically. */
    RAW_BINARY,
    /**
     * mod_audio_fork: {@code playAudio} JSON with base64 raw L16 8 kHz, written to a file the
     * application plays; {@code killAudio} stops it and {@code disconnect} ends the fork.
     */
    AUDIO_FORK_FILES
}
