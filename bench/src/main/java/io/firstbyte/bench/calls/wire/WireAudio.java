package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.audio.Resampler;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The caller's mu-law 8 kHz frames in a gateway's encoding, and the server's audio measured as
 * the caller hears it: its duration (in mu-law 8 kHz bytes, 8 per millisecond, what
 * {@link io.firstbyte.bench.calls.caller.Playback} counts) and its peak sample.
 */
final class WireAudio {

    private final @Nullable Resampler up;

    private WireAudio(int rate) {
        this.up = rate == 8000 ? null : Resampler.of(8000, rate);
    }

    /** Writes L16 little-endian at {@code rate}, one resampler per call. */
    static WireAudio l16(int rate) {
        return new WireAudio(rate);
    }

    byte[] fromMulaw(byte[] mulaw) {
        short[] samples = G711.decodeMulaw(mulaw);
        return Pcm16.toLittleEndian(up == null ? samples : up.process(samples));
    }

    static ServerMessage.Media mulawMedia(String streamId, byte[] mulaw) {
        return new ServerMessage.Media(streamId, mulaw.length, peak(G711.decodeMulaw(mulaw)));
    }

    static ServerMessage.Media l16Media(String streamId, byte[] l16, int rate) {
        if (l16.length % 2 != 0) {
            throw new IllegalArgumentException("odd L16 length " + l16.length);
        }
        long mulawBytes = (long) (l16.length / 2) * 8000 / rate;
        return new ServerMessage.Media(streamId, (int) mulawBytes, peak(Pcm16.fromLittleEndian(l16)));
    }

    static ServerMessage base64Mulaw(String streamId, String payload) {
        try {
            return mulawMedia(streamId, Base64.getDecoder().decode(payload));
        } catch (IllegalArgumentException e) {
            return new ServerMessage.Invalid("media payload is not base64");
        }
    }

    static ServerMessage base64L16(String streamId, String payload, int rate) {
        try {
            return l16Media(streamId, Base64.getDecoder().decode(payload), rate);
        } catch (IllegalArgumentException e) {
            return new ServerMessage.Invalid("audio payload is not base64 L16");
        }
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
