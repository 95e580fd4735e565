package io.firstbyte.bench.jmh;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.BargeInSettings;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.EndOfTurnSettings;
import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.control.CallControls;
import io.firstbyte.pipeline.control.CallLimits;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One caller frame through a running call's subscription graph, the pipeline's share of every inbound
 * frame after the codec: its arrival, the call's VAD and pause detector, and the fan-out of the caller's
 * events and speech signals to what watches them (speech-to-text, turn detector, barge-in policy,
 * speculation, the limits watchdog). The call is the server's defaults (speculation, adaptive end of
 * turn, barge-in, silence prompts); its speech-to-text takes the audio and hears nothing and its agent is
 * silent, so this is the steady state of a caller talking or a quiet line between turns. The frames are
 * the booking caller over pink noise at -30 dBFS, in order; each is a new {@link AudioIn} (32 bytes, as the
 * codec would hand over). Run with {@code -prof gc} for the bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallGraphFrameBenchmark {

    private static final TurnSettings SERVER_TURNS = new TurnSettings(Duration.ofMillis(700), true,
            BargeInSettings.DEFAULTS, SpeculationSettings.DEFAULTS, EndOfTurnSettings.DEFAULTS);

    private byte[][] line = new byte[0][];
    private Sinks.Many<InboundEvent> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private Disposable call = () -> { };
    private Scheduler scheduler = Schedulers.immediate();
    private long frames;

    @Setup
    public void callInProgress() {
        line = InboundFrameBenchmark.callerOverNoise().toArray(byte[][]::new);
        scheduler = Schedulers.newSingle("call-graph-benchmark");
        CallPipeline pipeline = new CallPipeline(
                new DeafSpeechToText(),
                request -> Flux.never(),
                context -> new SilentVoice(),
                new ToolRegistry(List.of(), Duration.ofSeconds(5)),
                CallSettings.DEFAULTS.withGreeting("").withTurn(SERVER_TURNS),
                CallLimits.DEFAULTS, CallControls.DEFAULTS, scheduler);
        inbound = Sinks.many().unicast().onBackpressureBuffer();
        CallContext context = new CallContext("CA-bench", "MZ-bench", "+15550001111", "+15550002222", Map.of(), Map.of());
        call = pipeline.run(context, inbound.asFlux(), CallObserver.NONE).subscribe();
        frames = 0;
    }

    @TearDown
    public void hangUp() {
        if (call.isDisposed()) {
            throw new IllegalStateException("the call ended during the benchmark: it measured a dead graph");
        }
        call.dispose();
        scheduler.dispose();
    }

    /** One frame in; everything it causes happens on this thread before the call returns. */
    @Benchmark
    public Sinks.EmitResult frameThroughTheCallGraph() {
        byte[] audio = line[(int) (frames % line.length)];
        return inbound.tryEmitNext(new AudioIn(audio, AudioFormat.MULAW_8K, 20 * frames++));
    }

    /** A speech-to-text session that takes every frame and hears nothing (no per-frame work of its own). */
    private static final class DeafSpeechToText implements SpeechToText {
        @Override
        public Flux<SpeechEvent> transcribe(CallContext call, Flux<AudioIn> audio) {
            return audio.filter(frame -> false).cast(SpeechEvent.class).concatWith(Flux.never());
        }
    }

    /** A voice that is never asked to speak (the agent is silent: no greeting, no model reply). */
    private static final class SilentVoice implements TtsSession {
        @Override
        public Flux<io.firstbyte.pipeline.event.TtsAudio> speak(Flux<io.firstbyte.pipeline.tts.Clause> clauses) {
            return Flux.never();
        }

        @Override
        public void dispose() {
        }
    }
}
