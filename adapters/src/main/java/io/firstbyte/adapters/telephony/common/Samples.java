package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.Pcm16;
import java.nio.ByteOrder;

/** Wire bytes to 16-bit samples and back, including the big-endian L16 that RTP carries. */
final class Samples {

    private Samples() {
    }

    static short[] decode(byte[] audio, AudioEncoding encoding, ByteOrder order) {
        return encoding == AudioEncoding.PCM16LE && order == ByteOrder.BIG_ENDIAN
                ? Pcm16.fromLittleEndian(swapped(audio))
                : Pcm16.decode(audio, encoding);
    }

    static byte[] encode(short[] samples, AudioEncoding encoding, ByteOrder order) {
        byte[] audio = Pcm16.encode(samples, encoding);
        return encoding == AudioEncoding.PCM16LE && order == ByteOrder.BIG_ENDIAN ? swapped(audio) : audio;
    }

    static byte silence(AudioEncoding encoding) {
        return switch (encoding) {
            case MULAW -> (byte) 0xFF;
            case ALAW -> (byte) 0xD5;
            case PCM16LE -> 0;
        };
    }

    private static byte[] swapped(byte[] audio) {
        byte[] swapped = new byte[audio.length];
        for (int i = 0; i + 1 < audio.length; i += 2) {
            swapped[i] = audio[i + 1];
            swapped[i + 1] = audio[i];
        }
        return swapped;
    }
}
