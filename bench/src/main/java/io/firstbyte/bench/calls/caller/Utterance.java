package io.firstbyte.bench.calls.caller;

import io.firstbyte.pipeline.audio.G711;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One line the caller says, ready to send: the speech as base64 mu-law 20 ms frames (the last
 * one padded with silence). Built once per line and shared by every simulated call.
 */
public record Utterance(String text, List<String> framePayloads) {

    public static final int FRAME_BYTES = 160;
    public static final String SILENCE_PAYLOAD = Base64.getEncoder().encodeToString(silence(FRAME_BYTES));

    public Utterance {
        framePayloads = List.copyOf(framePayloads);
    }

    public static Utterance of(String text) {
        byte[] mulaw = G711.encodeMulaw(SpeechSynth.speak(text));
        List<String> frames = new ArrayList<>();
        for (int offset = 0; offset < mulaw.length; offset += FRAME_BYTES) {
            byte[] frame = silence(FRAME_BYTES);
            System.arraycopy(mulaw, offset, frame, 0, Math.min(FRAME_BYTES, mulaw.length - offset));
            frames.add(Base64.getEncoder().encodeToString(frame));
        }
        return new Utterance(text, frames);
    }

    public int frames() {
        return framePayloads.size();
    }

    private static byte[] silence(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFF);
        return bytes;
    }
}
