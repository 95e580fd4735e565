package io.firstbyte.pipeline.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Cuts audio that arrives in chunks of any length (TTS output, L16 gateways) into whole 20 ms
 * frames of one {@link AudioFormat}, carrying the incomplete rest over to the next chunk. Bytes
 * come out in the order they went in, none added or lost, until {@link #flush()} pads the last
 * partial frame with the encoding's silence. Holds at most one frame; one instance per stream,
 * not thread-safe.
 */
public final class Framer {

    private final AudioFormat format;
    private final byte[] pending;
    private int filled;

    public Framer(AudioFormat format) {
        this.format = format;
        this.pending = new byte[format.bytesPerFrame()];
    }

    /** Frames a whole stream (a fresh framer per subscription); a partial last frame is padded with silence. */
    public static Flux<byte[]> frames(Flux<byte[]> chunks, AudioFormat format) {
        return Flux.defer(() -> {
            Framer framer = new Framer(format);
            return chunks.concatMapIterable(framer::push)
                    .concatWith(Mono.fromSupplier(framer::flush).flatMap(Mono::justOrEmpty));
        });
    }

    public AudioFormat format() {
        return format;
    }

    /** Adds a chunk; returns the frames it completes, possibly none. */
    public List<byte[]> push(byte[] chunk) {
        List<byte[]> frames = new ArrayList<>((filled + chunk.length) / pending.length);
        int offset = 0;
        while (offset < chunk.length) {
            int taken = Math.min(pending.length - filled, chunk.length - offset);
            System.arraycopy(chunk, offset, pending, filled, taken);
            filled += taken;
            offset += taken;
            if (filled == pending.length) {
                frames.add(pending.clone());
                filled = 0;
            }
        }
        return frames;
    }

    /** Bytes held back, waiting for the rest of their frame. */
    public int pendingBytes() {
        return filled;
    }

    /** The held-back bytes padded with silence to a whole frame, or empty when none are held. */
    public Optional<byte[]> flush() {
        if (filled == 0) {
            return Optional.empty();
        }
        byte[] frame = pending.clone();
        Arrays.fill(frame, filled, frame.length, silence(format.encoding()));
        filled = 0;
        return Optional.of(frame);
    }

    private static byte silence(AudioEncoding encoding) {
        return switch (encoding) {
            case MULAW -> (byte) 0xFF;
            case ALAW -> (byte) 0xD5;
            case PCM16LE -> 0;
        };
    }
}
