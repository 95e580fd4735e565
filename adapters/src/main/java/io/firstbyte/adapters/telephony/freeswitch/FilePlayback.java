package io.firstbyte.adapters.telephony.freeswitch;

import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.transport.WireMessage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Audio as files the FreeSWITCH application plays one after another: raw L16 8 kHz (the file
 * player converts to the channel's rate), batched to {@code fileLength} and cut early at each
 * mark, so a clause never waits for the next one. At most one file is held.
 */
final class FilePlayback implements Playback {

    private static final AudioFormat FILE_FORMAT = AudioFormat.PCM16_8K;

    private final BiFunction<byte[], Integer, WireMessage> fileMessage;
    private final boolean disconnectOnEnd;
    private final int fileBytes;
    private final PlayoutClock clock;
    private final OutboundAudio converter = OutboundAudio.unchunked(FILE_FORMAT);
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    FilePlayback(BiFunction<byte[], Integer, WireMessage> fileMessage, boolean disconnectOnEnd, Duration fileLength,
                 PlayoutClock clock) {
        this.fileMessage = fileMessage;
        this.disconnectOnEnd = disconnectOnEnd;
        this.fileBytes = (int) (fileLength.toMillis() / 20 * FILE_FORMAT.bytesPerFrame());
        this.clock = clock;
    }

    @Override
    public List<WireMessage> audio(AudioOut audio) {
        converter.accept(audio).forEach(file::writeBytes);
        return file.size() >= fileBytes ? sendFile() : List.of();
    }

    @Override
    public List<WireMessage> mark(String name) {
        List<WireMessage> sent = sendFile();
        clock.markSent(name);
        return sent;
    }

    @Override
    public List<WireMessage> interrupt() {
        file.reset();
        converter.reset();
        clock.cleared();
        return List.of(FreeSwitchOutbound.KILL_AUDIO);
    }

    @Override
    public List<WireMessage> end() {
        return disconnectOnEnd ? List.of(FreeSwitchOutbound.DISCONNECT) : List.of();
    }

    private List<WireMessage> sendFile() {
        if (file.size() == 0) {
            return List.of();
        }
        byte[] audio = file.toByteArray();
        file.reset();
        clock.audioSent(FILE_FORMAT.millisOf(audio.length));
        List<WireMessage> sent = new ArrayList<>(1);
        sent.add(fileMessage.apply(audio, FILE_FORMAT.sampleRate()));
        return sent;
    }
}
