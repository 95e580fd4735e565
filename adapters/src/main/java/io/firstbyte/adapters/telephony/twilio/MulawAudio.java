package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.Pcm16;
import java.util.Optional;

/** Brings outbound audio to Twilio's only format, mu-law 8 kHz, when no resampling is needed. */
final class MulawAudio {

    private static final AudioFormat TARGET = AudioFormat.MULAW_8K;

    private MulawAudio() {
    }

    /** The audio as mu-law 8 kHz, or empty when its sample rate differs (resampling is upstream's job). */
    static Optional<byte[]> of(byte[] audio, AudioFormat format) {
        if (format.equals(TARGET)) {
            return Optional.of(audio);
        }
        if (format.sampleRate() != TARGET.sampleRate()) {
            return Optional.empty();
        }
        return Optional.of(Pcm16.encode(Pcm16.decode(audio, format.encoding()), AudioEncoding.MULAW));
    }
}
