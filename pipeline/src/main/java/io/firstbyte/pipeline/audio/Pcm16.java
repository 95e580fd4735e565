package io.firstbyte.pipeline.audio;

/** Conversions between 16-bit samples, little-endian bytes and the telephony encodings. */
public final class Pcm16 {

    private Pcm16() {
    }

    public static short[] fromLittleEndian(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    public static byte[] toLittleEndian(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    /** Decodes audio of any supported encoding into samples (the sample rate is unchanged). */
    public static short[] decode(byte[] audio, AudioEncoding encoding) {
        return switch (encoding) {
            case MULAW -> G711.decodeMulaw(audio);
            case ALAW -> G711.decodeAlaw(audio);
            case PCM16LE -> fromLittleEndian(audio);
        };
    }

    /** Encodes samples into the given encoding. */
    public static byte[] encode(short[] samples, AudioEncoding encoding) {
        return switch (encoding) {
            case MULAW -> G711.encodeMulaw(samples);
            case ALAW -> G711.encodeAlaw(samples);
            case PCM16LE -> toLittleEndian(samples);
        };
    }

    /** Root-mean-square level of the samples in dBFS; silence gives -100. */
    public static double levelDbfs(short[] samples) {
        if (samples.length == 0) {
            return -100;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / samples.length);
        return rms < 1 ? -100 : 20 * Math.log10(rms / 32768.0);
    }
}
