package io.firstbyte.bench.jmh;

import io.firstbyte.adapters.telephony.twilio.TwilioMediaCodec;
import io.firstbyte.bench.calls.wire.CallerMessages;
import io.firstbyte.bench.calls.wire.StreamIds;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's per-frame outbound path for Twilio, the work done 50 times a second for every call
 * while the agent speaks: one paced 20 ms frame of agent audio (mu-law 8 kHz, as the voices send
 * it) encoded by {@link TwilioMediaCodec} into the {@code media} text message that goes on the
 * socket. Run with {@code -prof gc} for the bytes allocated per frame ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutboundFrameBenchmark {

    private AudioOut[] frames = new AudioOut[0];
    private TwilioMediaCodec codec = new TwilioMediaCodec(DroppedInput.ignore());
    private int next;

    @Setup
    public void startedStreamOfAgentFrames() {
        CallerMessages twilio = new CallerMessages(StreamIds.random(new Random(42)));
        codec = new TwilioMediaCodec(DroppedInput.ignore());
        codec.decode(new WireMessage.Text(twilio.start(1, Map.of("From", "+15550001111", "To", "+15550002222"))));
        List<byte[]> speech = InboundFrameBenchmark.callerOverNoise();
        frames = new AudioOut[speech.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new AudioOut(speech.get(i), AudioFormat.MULAW_8K);
        }
    }

    /** Agent frame in, wire message out. */
    @Benchmark
    public List<WireMessage> encodeAudioFrame() {
        return codec.encode(nextFrame());
    }

    /** Agent frame in, the bytes the socket sends out: the message as the WebSocket handler hands it to the socket. */
    @Benchmark
    public byte[] encodeAudioFrameToSocketBytes() {
        return ((WireMessage.Text) codec.encode(nextFrame()).getFirst()).utf8();
    }

    private AudioOut nextFrame() {
        AudioOut frame = frames[next];
        next = next + 1 == frames.length ? 0 : next + 1;
        return frame;
    }
}
