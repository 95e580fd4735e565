package io.firstbyte.bench.calls.caller;

import io.firstbyte.pipeline.audio.G711;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One line the caller says, ready to send: the speech as mu-law 8 kHz 20 ms frames (the last
 * one padded with silence), which each gateway wire writes in its own encoding. Built once per
 * line and shared by every simulated call; the frames must not be modified.
 */
public record Utterance(String text, List<byte[]> frames) {

    public static final int FRAME_BYTES = 160;
    private static final byte[] SILENCE = silence(FRAME_BYTES);

    public Utterance {
        frames = List.copyOf(frames);
    }

    public static Utterance of(String text) {
        return framed(text, SpeechSynth.speak(text));
    }

    /** {@code text} said in {@code duration} (whole frames): a backchannel is shorter than any line. */
    public static Utterance of(String text, Duration duration) {
        return framed(text, SpeechSynth.speak(text, duration));
    }

    private static Utterance framed(String text, short[] speech) {
        byte[] mulaw = G711.encodeMulaw(speech);
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < mulaw.length; offset += FRAME_BYTES) {
            byte[] frame = silence(FRAME_BYTES);
            System.arraycopy(mulaw, offset, frame, 0, Math.min(FRAME_BYTES, mulaw.length - offset));
            frames.add(frame);
        }
        return new Utterance(text, frames);
    }

    public int frameCount() {
        return frames.size();
    }

    /** 20 ms of mu-law silence (a fresh copy). */
    public static byte[] silence() {
        return SILENCE.clone();
    }

    public static boolean isSilence(byte[] frame) {
        return Arrays.equals(frame, SILENCE);
    }

    private static byte[] silence(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFF);
        return bytes;
    }
}
