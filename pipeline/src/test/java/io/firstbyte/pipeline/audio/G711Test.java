package io.firstbyte.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** G.711 against an independent port of Sun's g711.c: every 16-bit sample, every code. */
class G711Test {

    private static final int ALL_SAMPLES = 65536;

    @Test
    void muLawEncodingMatchesSunReferenceForEverySixteenBitSample() {
        List<String> mismatches = new ArrayList<>();
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int expected = SunG711Reference.linear2ulaw(sample);
            int actual = G711.linearToMulaw(sample) & 0xFF;
            if (actual != expected) {
                mismatches.add(sample + " -> " + actual + ", reference " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void muLawDecodingMatchesSunReferenceForEveryCode() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.mulawToLinear((byte) code)).as("code 0x%02X", code)
                    .isEqualTo((short) SunG711Reference.ulaw2linear(code));
        }
    }

    @Test
    void aLawEncodingMatchesSunReferenceForEverySixteenBitSample() {
        List<String> mismatches = new ArrayList<>();
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            int expected = SunG711Reference.linear2alaw(sample);
            int actual = G711.linearToAlaw(sample) & 0xFF;
            if (actual != expected) {
                mismatches.add(sample + " -> " + actual + ", reference " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aLawDecodingMatchesSunReferenceForEveryCode() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.alawToLinear((byte) code)).as("code 0x%02X", code)
                    .isEqualTo((short) SunG711Reference.alaw2linear(code));
        }
    }

    @Test
    void bufferCodecsAgreeWithTheSampleCodecsForEveryValue() {
        short[] samples = everySample();
        byte[] codes = everyCode();
        byte[] mulaw = G711.encodeMulaw(samples);
        byte[] alaw = G711.encodeAlaw(samples);
        short[] fromMulaw = G711.decodeMulaw(codes);
        short[] fromAlaw = G711.decodeAlaw(codes);
        for (int i = 0; i < ALL_SAMPLES; i++) {
            assertThat(mulaw[i]).isEqualTo(G711.linearToMulaw(samples[i]));
            assertThat(alaw[i]).isEqualTo(G711.linearToAlaw(samples[i]));
        }
        for (int i = 0; i < 256; i++) {
            assertThat(fromMulaw[i]).isEqualTo(G711.mulawToLinear(codes[i]));
            assertThat(fromAlaw[i]).isEqualTo(G711.alawToLinear(codes[i]));
        }
    }

    @Test
    void silenceEncodesAsFFInMuLawAndD5InALaw() {
        assertThat(G711.linearToMulaw(0)).isEqualTo((byte) 0xFF);
        assertThat(G711.linearToAlaw(0)).isEqualTo((byte) 0xD5);
        assertThat(G711.mulawToLinear((byte) 0xFF)).isZero();
        assertThat(G711.mulawToLinear((byte) 0x7F)).isZero();
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
    }

    @Test
    void decodedRangeIsPlusMinus32124ForMuLawAnd32256ForALaw() {
        assertThat(G711.mulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.mulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void muLawRoundTripErrorStaysWithinHalfAStepOfItsSegment() {
        for (int sample = -32635; sample <= 32635; sample++) {
            byte code = G711.linearToMulaw(sample);
            int segment = ((~code) >> 4) & 0x07;
            int halfStep = 1 << (segment + 2);
            assertThat(Math.abs(G711.mulawToLinear(code) - sample)).as("sample %d", sample).isLessThanOrEqualTo(halfStep);
        }
    }

    @Test
    void muLawClipsBeyond32635ToItsLargestCode() {
        assertThat(G711.linearToMulaw(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(G711.linearToMulaw(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
    }

    @Test
    void aLawRoundTripErrorStaysWithinHalfAStepOfItsSegment() {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            byte code = G711.linearToAlaw(sample);
            int segment = ((code ^ 0x55) >> 4) & 0x07;
            int halfStep = segment < 2 ? 8 : 1 << (segment + 2);
            assertThat(Math.abs(G711.alawToLinear(code) - sample)).as("sample %d", sample).isLessThanOrEqualTo(halfStep);
        }
    }

    @Test
    void everyCodeSurvivesDecodeThenEncodeExceptMuLawNegativeZero() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711.linearToAlaw(G711.alawToLinear((byte) code))).isEqualTo((byte) code);
            if (code != 0x7F) {
                assertThat(G711.linearToMulaw(G711.mulawToLinear((byte) code))).isEqualTo((byte) code);
            }
        }
    }

    private static short[] everySample() {
        short[] samples = new short[ALL_SAMPLES];
        for (int i = 0; i < ALL_SAMPLES; i++) {
            samples[i] = (short) (i + Short.MIN_VALUE);
        }
        return samples;
    }

    private static byte[] everyCode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }
}
