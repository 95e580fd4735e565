package io.firstbyte.bench.jmh;

import io.firstbyte.adapters.telephony.twilio.TwilioMediaCodec;
import io.firstbyte.bench.calls.caller.BackgroundNoise;
import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.Utterance;
import io.firstbyte.bench.calls.wire.CallerMessages;
import io.firstbyte.bench.calls.wire.StreamIds;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The server's per-frame inbound path for Twilio, the work done 50 times a second for every call:
 * one 20 ms {@code media} text message (as the WebSocket handler hands it over: its UTF-8 bytes copied
 * out of the socket's pooled buffer, which each invocation does too) decoded by {@link TwilioMediaCodec} into caller audio, and that audio judged by the call's
 * voice activity detector (the default, adaptive one, which reads the mu-law samples as PCM). The
 * messages are the simulator's booking caller over pink noise at -30 dBFS, field for field as
 * Twilio sends them, fed in order. Run with {@code -prof gc} for the bytes allocated per frame
 * ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InboundFrameBenchmark {

    /** Each message's bytes as the socket received them. */
    private byte[][] messages = new byte[0][];
    private TwilioMediaCodec codec = new TwilioMediaCodec(DroppedInput.ignore());
    private VoiceActivityDetector vad = VoiceActivityDetector.create(VadSettings.DEFAULTS);
    private int next;

    @Setup
    public void startedStreamOfCallerFrames() {
        StreamIds ids = StreamIds.random(new Random(42));
        CallerMessages twilio = new CallerMessages(ids);
        codec = new TwilioMediaCodec(DroppedInput.ignore());
        codec.decode(new WireMessage.Text(twilio.connected()));
        codec.decode(new WireMessage.Text(twilio.start(1, Map.of("From", "+15550001111", "To", "+15550002222"))));
        vad = VoiceActivityDetector.create(VadSettings.DEFAULTS);
        List<byte[]> line = callerOverNoise();
        messages = new byte[line.size()][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = twilio.media(i + 2, i + 1, i * 20L, Base64.getEncoder().encodeToString(line.get(i)))
                    .getBytes(StandardCharsets.UTF_8);
        }
        // The benchmark loops over the call; the codec must accept every message, or it measures drops.
        for (int i = 0; i < messages.length; i++) {
            if (!(codec.decode(nextMessage()).getFirst() instanceof AudioIn)) {
                throw new IllegalStateException("the codec dropped a media message");
            }
        }
    }

    /** Text message in, caller audio out: the codec alone. */
    @Benchmark
    public List<InboundEvent> decodeMediaMessage() {
        return codec.decode(nextMessage());
    }

    /** Text message in, VAD decision out: what every inbound frame costs before the pipeline's operators. */
    @Benchmark
    public Optional<SpeechEvent> mediaMessageToVadDecision() {
        Optional<SpeechEvent> decision = Optional.empty();
        for (InboundEvent event : codec.decode(nextMessage())) {
            if (event instanceof AudioIn audio) {
                decision = vad.accept(audio);
            }
        }
        return decision;
    }

    /** The next message as the WebSocket handler makes it: copied out of the socket's buffer. */
    private WireMessage nextMessage() {
        byte[] received = messages[next];
        next = next + 1 == messages.length ? 0 : next + 1;
        return WireMessage.Text.ofUtf8(received.clone());
    }

    static List<byte[]> callerOverNoise() {
        BackgroundNoise noise = BackgroundNoise.pink(-30);
        List<byte[]> line = new ArrayList<>();
        for (String text : CallerScript.BOOKING) {
            line.addAll(Utterance.of(text).frames());
            for (int i = 0; i < 50; i++) {
                line.add(Utterance.silence());
            }
        }
        List<byte[]> noisy = new ArrayList<>(line.size());
        for (int i = 0; i < line.size(); i++) {
            noisy.add(noise.under(line.get(i), i));
        }
        return noisy;
    }
}
