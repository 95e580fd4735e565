package io.firstbyte.bench.jmh;

import io.firstbyte.bench.calls.caller.BackgroundNoise;
import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.Utterance;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What voice activity detection costs per 20 ms mu-law frame, the work done for every frame of every
 * call: the adaptive detector against the fixed-threshold energy one (the baseline). The frames are
 * the simulator's booking caller, speech and pauses, fed in order: over pink noise at -30 dBFS
 * ({@code NOISY}), or on a line whose pauses are digital silence ({@code QUIET}: a muted phone, a
 * VoIP leg that sends nothing between words, the call simulator), where a filter left in subnormal
 * doubles once cost twenty times a frame of speech.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VadFrameBenchmark {

    @Param({"ENERGY", "ADAPTIVE"})
    public VadSettings.Mode mode;

    @Param({"NOISY", "QUIET"})
    public String line;

    private AudioIn[] frames = new AudioIn[0];
    private VoiceActivityDetector vad = VoiceActivityDetector.create(VadSettings.DEFAULTS);
    private int next;

    @Setup
    public void callersLine() {
        BackgroundNoise noise = BackgroundNoise.pink(-30);
        boolean noisy = line.equals("NOISY");
        List<byte[]> callerLine = new ArrayList<>();
        for (String text : CallerScript.BOOKING) {
            callerLine.addAll(Utterance.of(text).frames());
            for (int i = 0; i < 50; i++) {
                callerLine.add(Utterance.silence());
            }
        }
        frames = new AudioIn[callerLine.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new AudioIn(noisy ? noise.under(callerLine.get(i), i) : callerLine.get(i), AudioFormat.MULAW_8K, i * 20L);
        }
        vad = VoiceActivityDetector.create(VadSettings.DEFAULTS.withMode(mode));
    }

    @Benchmark
    public Optional<SpeechEvent> acceptOneFrame() {
        AudioIn frame = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        return vad.accept(frame);
    }
}
