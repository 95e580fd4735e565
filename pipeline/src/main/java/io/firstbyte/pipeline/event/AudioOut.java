package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.audio.AudioFormat;

/** One paced frame of agent audio for the caller. */
public record AudioOut(byte[] audio, AudioFormat format) implements OutboundEvent {

    @Override
    public String toString() {
        return "AudioOut[" + audio.length + " bytes " + format + "]";
    }
}
