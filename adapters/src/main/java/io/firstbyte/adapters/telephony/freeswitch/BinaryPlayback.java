package io.firstbyte.adapters.telephony.freeswitch;

import io.firstbyte.adapters.telephony.common.OutboundAudio;
import io.firstbyte.adapters.telephony.common.PlayoutClock;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;

/** Audio as binary L16 frames of 20 ms at the stream's rate, which the module plays itself. */
final class BinaryPlayback implements Playback {

    private final OutboundAudio converter;
    private final PlayoutClock clock;

    BinaryPlayback(AudioFormat streamFormat, PlayoutClock clock) {
        this.converter = OutboundAudio.of(streamFormat);
        this.clock = clock;
    }

    @Override
    public List<WireMessage> audio(AudioOut audio) {
        return frames(converter.accept(audio));
    }

    @Override
    public List<WireMessage> mark(String name) {
        List<WireMessage> sent = frames(converter.flush().stream().toList());
        clock.markSent(name);
        return sent;
    }

    @Override
    public List<WireMessage> interrupt() {
        converter.reset();
        clock.cleared();
        return List.of(FreeSwitchOutbound.KILL_AUDIO);
    }

    @Override
    public List<WireMessage> end() {
        return List.of();
    }

    private List<WireMessage> frames(List<byte[]> chunks) {
        List<WireMessage> sent = new ArrayList<>(chunks.size());
        for (byte[] chunk : chunks) {
            clock.audioSent(20);
            sent.add(new WireMessage.Binary(chunk));
        }
        return sent;
    }
}
