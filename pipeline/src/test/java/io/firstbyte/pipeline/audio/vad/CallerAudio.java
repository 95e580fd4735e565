package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import java.util.ArrayList;
import java.util.List;

/** Builds a caller's audio as consecutive 20 ms frames: speech is a square wave of a chosen RMS level. */
final class CallerAudio {

    static final int LOUD = 3277;

    private final AudioFormat format;
    private final List<AudioIn> frames = new ArrayList<>();
    private long clockMillis;

    private CallerAudio(AudioFormat format) {
        this.format = format;
    }

    static CallerAudio in(AudioFormat format) {
        return new CallerAudio(format);
    }

    /** Speech at -20 dBFS for {@code millis} (whole frames). */
    CallerAudio speech(int millis) {
        return level(LOUD, millis);
    }

    CallerAudio silence(int millis) {
        return level(0, millis);
    }

    /** A square wave of amplitude {@code amplitude}, whose RMS level is exactly that amplitude. */
    CallerAudio level(int amplitude, int millis) {
        for (int elapsed = 0; elapsed < millis; elapsed += 20) {
            short[] samples = new short[format.sampleRate() / 50];
            for (int n = 0; n < samples.length; n++) {
                samples[n] = (short) (n % 2 == 0 ? amplitude : -amplitude);
            }
            frames.add(new AudioIn(Pcm16.encode(samples, format.encoding()), format, clockMillis));
            clockMillis += 20;
        }
        return this;
    }

    List<AudioIn> frames() {
        return List.copyOf(frames);
    }
}
