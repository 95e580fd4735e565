package io.firstbyte.pipeline.audio;

/**
 * G.711 mu-law (PCMU) and A-law (PCMA) codecs, bit-exact with the Sun reference implementation.
 * Decoding goes through 256-entry tables; encoding is a few integer operations per sample.
 */
public final class G711 {

    private static final int MULAW_BIAS = 0x84;
    private static final int MULAW_CLIP = 32635;
    private static final int[] ALAW_SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final short[] MULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int code = 0; code < 256; code++) {
            MULAW_TO_LINEAR[code] = computeMulawDecode(code);
            ALAW_TO_LINEAR[code] = computeAlawDecode(code);
        }
    }

    private G711() {
    }

    public static byte linearToMulaw(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), MULAW_CLIP) + MULAW_BIAS;
        int exponent = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte) (~(sign | (exponent << 4) | mantissa) & 0xFF);
    }

    public static short mulawToLinear(byte code) {
        return MULAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToAlaw(int sample) {
        int mask;
        int magnitude;
        if (sample >= 0) {
            mask = 0xD5;
            magnitude = sample;
        } else {
            mask = 0x55;
            magnitude = -sample - 1;
        }
        magnitude >>= 3;
        int segment = 0;
        while (segment < 8 && magnitude > ALAW_SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = (segment << 4) | ((segment < 2 ? magnitude >> 1 : magnitude >> segment) & 0x0F);
        return (byte) (value ^ mask);
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Decodes a whole mu-law buffer into 16-bit samples. */
    public static short[] decodeMulaw(byte[] codes) {
        short[] samples = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            samples[i] = MULAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return samples;
    }

    /** Encodes 16-bit samples into a new mu-law buffer. */
    public static byte[] encodeMulaw(short[] samples) {
        byte[] codes = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            codes[i] = linearToMulaw(samples[i]);
        }
        return codes;
    }

    /** Decodes a whole A-law buffer into 16-bit samples. */
    public static short[] decodeAlaw(byte[] codes) {
        short[] samples = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            samples[i] = ALAW_TO_LINEAR[codes[i] & 0xFF];
        }
        return samples;
    }

    /** Encodes 16-bit samples into a new A-law buffer. */
    public static byte[] encodeAlaw(short[] samples) {
        byte[] codes = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            codes[i] = linearToAlaw(samples[i]);
        }
        return codes;
    }

    private static short computeMulawDecode(int code) {
        int inverted = ~code & 0xFF;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
        return (short) ((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    private static short computeAlawDecode(int code) {
        int value = code ^ 0x55;
        int magnitude = (value & 0x0F) << 4;
        int segment = (value & 0x70) >> 4;
        switch (segment) {
            case 0 -> magnitude += 8;
            case 1 -> magnitude += 0x108;
            default -> magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
    }
}
