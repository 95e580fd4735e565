package io.firstbyte.adapters.telephony.common;

import static io.firstbyte.adapters.telephony.common.DropKind.UNSUPPORTED_AUDIO_FORMAT;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.Resampler;
import io.firstbyte.pipeline.event.AudioOut;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent's audio of one connection, brought to the gateway's format at the edge: the
 * pipeline's mu-law 8 kHz frames (or any other supported format) in, the dialect's encoding, rate
 * and chunk size out. The resampler is created once per input rate and keeps its history across
 * frames, so frame boundaries cannot click; at most one partial chunk is held back until the next
 * frame or {@link #flush()}. One instance per connection, used by the sending side only.
 */
public final class OutboundAudio {

    private final AudioFormat wire;
    private final ByteOrder order;
    private final @Nullable Chunker chunker;
    private @Nullable Resampler resampler;

    private OutboundAudio(AudioFormat wire, ByteOrder order, @Nullable Chunker chunker) {
        this.wire = wire;
        this.order = order;
        this.chunker = chunker;
    }

    /** Writes {@code wire} (L16 little-endian) in 20 ms chunks. */
    public static OutboundAudio of(AudioFormat wire) {
        return of(wire, ByteOrder.LITTLE_ENDIAN, wire.bytesPerFrame());
    }

    /** Writes {@code wire} (L16 little-endian) as it comes, for dialects that accept any amount per message. */
    public static OutboundAudio unchunked(AudioFormat wire) {
        return new OutboundAudio(wire, ByteOrder.LITTLE_ENDIAN, null);
    }

    /** Writes {@code wire} in chunks of {@code chunkBytes}, L16 samples in {@code order}. */
    public static OutboundAudio of(AudioFormat wire, ByteOrder order, int chunkBytes) {
        if (chunkBytes % wire.encoding().bytesPerSample() != 0) {
            throw new IllegalArgumentException("chunks must hold whole samples: " + chunkBytes + " bytes of " + wire);
        }
        return new OutboundAudio(wire, order, new Chunker(chunkBytes, Samples.silence(wire.encoding())));
    }

    public AudioFormat wireFormat() {
        return wire;
    }

    /** Converts one frame; returns the whole chunks it completes, possibly none. */
    public List<byte[]> accept(AudioOut audio) {
        if (audio.format().equals(wire) && order == ByteOrder.LITTLE_ENDIAN) {
            return chunks(audio.audio());
        }
        short[] samples = Samples.decode(audio.audio(), audio.format().encoding(), ByteOrder.LITTLE_ENDIAN);
        return chunks(Samples.encode(resampled(samples, audio.format()), wire.encoding(), order));
    }

    /** The held-back partial chunk padded with silence (before a mark, so the mark follows all audio). */
    public Optional<byte[]> flush() {
        return chunker == null ? Optional.empty() : chunker.flush();
    }

    /** Barge-in: forgets the held-back bytes and the filter history of the interrupted answer. */
    public void reset() {
        if (chunker != null) {
            chunker.clear();
        }
        resampler = null;
    }

    private List<byte[]> chunks(byte[] bytes) {
        if (chunker != null) {
            return chunker.push(bytes);
        }
        return bytes.length == 0 ? List.of() : List.of(bytes);
    }

    private short[] resampled(short[] samples, AudioFormat from) {
        if (from.sampleRate() == wire.sampleRate()) {
            return samples;
        }
        if (resampler == null || resampler.inputRate() != from.sampleRate()) {
            resampler = newResampler(from);
        }
        return resampler.process(samples);
    }

    private Resampler newResampler(AudioFormat from) {
        try {
            return Resampler.of(from.sampleRate(), wire.sampleRate());
        } catch (IllegalArgumentException unsupportedRatio) {
            throw new DroppedMessage(UNSUPPORTED_AUDIO_FORMAT, "outbound " + from + " cannot be resampled to " + wire.sampleRate() + " Hz");
        }
    }
}
