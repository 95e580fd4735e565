package io.firstbyte.bench.jmh;

/** The reference mu-law decoder, computed per sample: the baseline the table lookup is measured against. */
public final class MulawByComputation {

    private static final int BIAS = 0x84;

    private MulawByComputation() {
    }

    public static short[] decode(byte[] codes) {
        short[] samples = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            samples[i] = decode(codes[i]);
        }
        return samples;
    }

    public static short decode(byte code) {
        int inverted = ~code & 0xFF;
        int exponent = (inverted >> 4) & 0x07;
        int mantissa = inverted & 0x0F;
        int magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) ((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }
}
