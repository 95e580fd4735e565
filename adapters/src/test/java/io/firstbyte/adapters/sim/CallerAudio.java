package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.event.AudioIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** Caller audio for tests: 20 ms mu-law frames of a loud tone or silence, each delivered when it ends. */
final class CallerAudio {

    private final List<Boolean> voicedFrames = new ArrayList<>();

    static CallerAudio script() {
        return new CallerAudio();
    }

    CallerAudio speak(long millis) {
        return add(true, millis);
    }

    CallerAudio silence(long millis) {
        return add(false, millis);
    }

    /** The frames in real time on {@code scheduler}: frame i covers [20 i, 20 i + 20) ms and arrives at 20 (i + 1) ms. */
    Flux<AudioIn> play(Scheduler scheduler) {
        return Flux.interval(Duration.ofMillis(20), scheduler)
                .take(voicedFrames.size())
                .map(i -> frame(voicedFrames.get(i.intValue()), i * 20));
    }

    /** Like {@link #play} but the line stays open afterwards, sending silence. */
    Flux<AudioIn> playThenSilence(Scheduler scheduler) {
        return Flux.interval(Duration.ofMillis(20), scheduler)
                .map(i -> frame(i < voicedFrames.size() && voicedFrames.get(i.intValue()), i * 20));
    }

    static AudioIn frame(boolean voiced, long timestampMillis) {
        short[] samples = new short[160];
        for (int n = 0; voiced && n < samples.length; n++) {
            samples[n] = (short) (4000 * Math.sin(2 * Math.PI * 300 * n / 8000.0));
        }
        return new AudioIn(G711.encodeMulaw(samples), AudioFormat.MULAW_8K, timestampMillis);
    }

    private CallerAudio add(boolean voiced, long millis) {
        for (long t = 0; t < millis; t += 20) {
            voicedFrames.add(voiced);
        }
        return this;
    }
}
