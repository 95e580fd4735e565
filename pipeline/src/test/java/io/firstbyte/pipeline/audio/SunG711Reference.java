package io.firstbyte.pipeline.audio;

/**
 * An independent port of Sun Microsystems' g711.c, kept in the tests as the oracle for {@link G711}.
 * It follows the reference's own structure (segment search tables, mask-XOR sign handling, A-law
 * shifting to 13 bits before negating) rather than the production code's, so the two can only
 * agree by computing the same function. Mu-law uses the 16-bit form of the algorithm (bias 0x84,
 * clip 32635) that protocols.md 7.2 specifies.
 */
final class SunG711Reference {

    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final int SIGN_BIT = 0x80;
    private static final int QUANT_MASK = 0x0F;
    private static final int SEG_SHIFT = 4;
    private static final int SEG_MASK = 0x70;
    private static final int[] SEG_UEND = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};
    private static final int[] SEG_AEND = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private SunG711Reference() {
    }

    static int linear2ulaw(int pcmVal) {
        int mask;
        if (pcmVal < 0) {
            pcmVal = -pcmVal;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcmVal > CLIP) {
            pcmVal = CLIP;
        }
        pcmVal += BIAS;
        int seg = search(pcmVal, SEG_UEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int uval = (seg << SEG_SHIFT) | ((pcmVal >> (seg + 3)) & QUANT_MASK);
        return uval ^ mask;
    }

    static int ulaw2linear(int uVal) {
        uVal = ~uVal & 0xFF;
        int t = ((uVal & QUANT_MASK) << 3) + BIAS;
        t <<= (uVal & SEG_MASK) >> SEG_SHIFT;
        return (uVal & SIGN_BIT) != 0 ? BIAS - t : t - BIAS;
    }

    static int linear2alaw(int pcmVal) {
        int mask;
        pcmVal = pcmVal >> 3;
        if (pcmVal >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcmVal = -pcmVal - 1;
        }
        int seg = search(pcmVal, SEG_AEND);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int aval = seg << SEG_SHIFT;
        aval |= seg < 2 ? (pcmVal >> 1) & QUANT_MASK : (pcmVal >> seg) & QUANT_MASK;
        return aval ^ mask;
    }

    static int alaw2linear(int aVal) {
        aVal ^= 0x55;
        int t = (aVal & QUANT_MASK) << 4;
        int seg = (aVal & SEG_MASK) >> SEG_SHIFT;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= seg - 1;
            }
        }
        return (aVal & SIGN_BIT) != 0 ? t : -t;
    }

    private static int search(int val, int[] table) {
        for (int i = 0; i < table.length; i++) {
            if (val <= table[i]) {
                return i;
            }
        }
        return table.length;
    }
}
