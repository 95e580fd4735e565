package io.firstbyte.adapters.telephony.freeswitch;

import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;

/**
 * The sending side of one stream, per {@link FreeSwitchPlayback}. None of the modules echoes
 * playback, so each reports what it sends to the {@link PlayoutClock}, which acknowledges marks.
 */
sealed interface Playback permits FilePlayback, BinaryPlayback {

    List<WireMessage> audio(AudioOut audio);

    List<WireMessage> mark(String name);

    List<WireMessage> interrupt();

    List<WireMessage> end();

    static Playback of(FreeSwitchSettings settings, int streamRate, PlayoutClock clock) {
        return switch (settings.playback()) {
            case STREAM_AUDIO_FILES -> new FilePlayback(FreeSwitchOutbound::streamAudio, false, settings.fileLength(), clock);
            case AUDIO_FORK_FILES -> new FilePlayback(FreeSwitchOutbound::playAudio, true, settings.fileLength(), clock);
            case RAW_BINARY -> new BinaryPlayback(new AudioFormat(AudioEncoding.PCM16LE, streamRate), clock);
        };
    }
}
