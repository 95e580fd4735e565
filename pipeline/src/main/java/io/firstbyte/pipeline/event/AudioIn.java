package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.audio.AudioFormat;

/** Caller audio: whole 20 ms frames, {@code timestampMillis} on the caller-audio clock. */
public record AudioIn(byte[] audio, AudioFormat format, long timestampMillis) implements InboundEvent {

    /** Milliseconds of audio this event carries. */
    public long durationMillis() {
        return format.millisOf(audio.length);
    }

    @Override
    public String toString() {
        return "AudioIn[" + audio.length + " bytes " + format + " @" + timestampMillis + "ms]";
    }
}
