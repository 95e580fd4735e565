package io.firstbyte.adapters.telephony.common;

import static io.firstbyte.adapters.telephony.common.DropKind.PARTIAL_FRAME;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.Framer;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Resampler;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.InboundEvent;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The caller's audio of one connection, brought to the pipeline's format at the edge: any
 * supported encoding and rate in, whole 20 ms mu-law 8 kHz {@link AudioIn} frames out, so the VAD
 * and the speech-to-text see the same audio whatever the gateway. Chunks of any whole-sample
 * length are re-framed (at most one partial frame is held back); the resampler keeps its history
 * across chunks. Frames are stamped by their position in the stream (20 ms per frame), which is
 * the caller-audio clock for dialects that carry no timestamp. One instance per connection, used
 * by the receiving side only.
 */
public final class InboundAudio {

    /** What every dialect delivers to the pipeline. */
    public static final AudioFormat PIPELINE_FORMAT = AudioFormat.MULAW_8K;

    private final AudioFormat wire;
    private final ByteOrder order;
    private final @Nullable Resampler resampler;
    private final Framer framer = new Framer(PIPELINE_FORMAT);
    private long frames;

    private InboundAudio(AudioFormat wire, ByteOrder order, @Nullable Resampler resampler) {
        this.wire = wire;
        this.order = order;
        this.resampler = resampler;
    }

    /** Audio arriving as {@code wire} (L16 little-endian); empty when its rate cannot be resampled to 8 kHz. */
    public static Optional<InboundAudio> of(AudioFormat wire) {
        return of(wire, ByteOrder.LITTLE_ENDIAN);
    }

    /** As {@link #of(AudioFormat)}, with the byte order of L16 samples on this wire. */
    public static Optional<InboundAudio> of(AudioFormat wire, ByteOrder order) {
        if (wire.sampleRate() == PIPELINE_FORMAT.sampleRate()) {
            return Optional.of(new InboundAudio(wire, order, null));
        }
        try {
            return Optional.of(new InboundAudio(wire, order, Resampler.of(wire.sampleRate(), PIPELINE_FORMAT.sampleRate())));
        } catch (IllegalArgumentException unsupportedRatio) {
            return Optional.empty();
        }
    }

    public AudioFormat wireFormat() {
        return wire;
    }

    /** Checks that a payload holds whole samples of this wire format (and at least one). */
    public byte[] requireWholeSamples(byte[] payload) {
        int sampleBytes = wire.encoding().bytesPerSample();
        if (payload.length == 0 || payload.length % sampleBytes != 0) {
            throw new DroppedMessage(PARTIAL_FRAME,
                    "payload of " + payload.length + " bytes is not a whole number of " + sampleBytes + "-byte samples");
        }
        return payload;
    }

    /** Adds one chunk of wire audio; returns the 20 ms frames it completes, possibly none. */
    public List<InboundEvent> accept(byte[] payload) {
        requireWholeSamples(payload);
        List<byte[]> completed = framer.push(toPipelineFormat(payload));
        List<InboundEvent> events = new ArrayList<>(completed.size());
        for (byte[] frame : completed) {
            events.add(new AudioIn(frame, PIPELINE_FORMAT, positionMillis()));
            frames++;
        }
        return events;
    }

    /** Milliseconds of caller audio passed on so far: the caller-audio clock. */
    public long positionMillis() {
        return frames * 20;
    }

    private byte[] toPipelineFormat(byte[] payload) {
        if (wire.equals(PIPELINE_FORMAT)) {
            return payload;
        }
        short[] samples = Samples.decode(payload, wire.encoding(), order);
        return G711.encodeMulaw(resampler == null ? samples : resampler.process(samples));
    }
}
