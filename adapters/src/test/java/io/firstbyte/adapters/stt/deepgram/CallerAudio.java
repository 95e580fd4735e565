package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.event.AudioIn;
import java.util.Arrays;

/** 20 ms mu-law frames of a caller: voiced (a loud tone) or silent, on a caller-audio clock. */
final class CallerAudio {

    private long clock;

    CallerAudio(long startMillis) {
        this.clock = startMillis;
    }

    AudioIn voiced() {
        short[] samples = new short[160];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (12000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return next(G711.encodeMulaw(samples));
    }

    AudioIn silent() {
        byte[] silence = new byte[160];
        Arrays.fill(silence, (byte) 0xFF);
        return next(silence);
    }

    /** A frame whose every byte is {@code value}, to check bytes pass untouched. */
    AudioIn marked(int value) {
        byte[] bytes = new byte[160];
        Arrays.fill(bytes, (byte) value);
        return next(bytes);
    }

    private AudioIn next(byte[] audio) {
        AudioIn frame = new AudioIn(audio, AudioFormat.MULAW_8K, clock);
        clock += 20;
        return frame;
    }
}
