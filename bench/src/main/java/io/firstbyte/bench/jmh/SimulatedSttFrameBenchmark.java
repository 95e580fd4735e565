package io.firstbyte.bench.jmh;

import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.SimulatedSpeechToText;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.AudioIn;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One caller frame through the simulated speech-to-text, the in-server stand-in for a provider that the
 * capacity runs use: its own VAD, the script's words revealed as interims, a final transcript after the
 * profile's end-of-speech delay (typical-cloud, timers on a scheduler thread of its own). The frames are
 * the booking caller over pink noise at -30 dBFS, in order. This is what the simulation adds to the
 * server's CPU per frame; a real provider costs a WebSocket send per frame instead. Run with
 * {@code -prof gc} for the bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SimulatedSttFrameBenchmark {

    private byte[][] line = new byte[0][];
    private Sinks.Many<AudioIn> audio = Sinks.many().unicast().onBackpressureBuffer();
    private Disposable transcribing = () -> { };
    private Scheduler scheduler = Schedulers.immediate();
    private long frames;
    private final AtomicLong heard = new AtomicLong();

    @Setup
    public void callerTalking() {
        line = InboundFrameBenchmark.callerOverNoise().toArray(byte[][]::new);
        scheduler = Schedulers.newSingle("simulated-stt-benchmark");
        audio = Sinks.many().unicast().onBackpressureBuffer();
        CallContext context = new CallContext("CA-bench", "MZ-bench", "+15550001111", "+15550002222", Map.of(), Map.of());
        transcribing = new SimulatedSpeechToText(LatencyProfiles.builtIn(), scheduler)
                .transcribe(context, audio.asFlux())
                .subscribe(event -> heard.incrementAndGet());
        frames = 0;
        heard.set(0);
    }

    @TearDown
    public void stop() {
        if (heard.get() == 0) {
            throw new IllegalStateException("the simulated speech-to-text heard nothing: it measured a deaf path");
        }
        transcribing.dispose();
        scheduler.dispose();
    }

    /** One frame in; the VAD, the interims and the scheduling of a final happen on this thread. */
    @Benchmark
    public Sinks.EmitResult frameThroughTheSimulatedStt() {
        byte[] frame = line[(int) (frames % line.length)];
        return audio.tryEmitNext(new AudioIn(frame, AudioFormat.MULAW_8K, 20 * frames++));
    }
}
